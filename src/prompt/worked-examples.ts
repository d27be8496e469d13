import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { categorySchema, severitySchema, type Category } from '../domain/categories.js';
import { evidenceSourceSchema, type Diagnosis } from '../domain/diagnosis.js';
import { InputError } from '../domain/errors.js';
import { formatFirstIssue } from '../domain/format-issues.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { LlmAnswer } from './llm-answer-schema.js';

export type PromptMode = 'zero-shot' | 'one-shot' | 'few-shot';

const exampleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  category: categorySchema,
  container: z.string().nullable(),
  /** The case as the model sees it; lines with `cite: false` are context, not evidence. */
  lines: z.array(z.strictObject({ source: evidenceSourceSchema, text: z.string().min(1), cite: z.boolean().default(true) })).min(1),
  severity: severitySchema,
  title: z.string().min(1),
  summary: z.string().min(1),
  rootCause: z.string().min(1),
  fixes: z.array(z.strictObject({ description: z.string().min(1), command: z.string().nullable() })).min(1),
  confidence: z.number().min(0).max(1),
});

const exampleFileSchema = z.strictObject({ about: z.string().optional(), examples: z.array(exampleSchema).min(1) });

/** One solved case: compact evidence and the answer we want, in the exact answer schema. */
export interface WorkedExample {
  id: string;
  category: Category;
  /** Evidence lines, `source: text`, as shown to the model. */
  case: string;
  /** The verbatim lines the answer cites (used to spot an example built from the case at hand). */
  quotes: readonly string[];
  answer: LlmAnswer;
}

export function parseWorkedExamples(raw: unknown, file: string): WorkedExample[] {
  const parsed = exampleFileSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${file}: ${formatFirstIssue(parsed.error)}`, file);
  const ids = new Set<string>();
  return parsed.data.examples.map((e) => {
    if (ids.has(e.id)) throw new InputError(`${file}: example id "${e.id}" is used twice`, file);
    ids.add(e.id);
    const cited = e.lines.filter((l) => l.cite);
    return {
      id: e.id,
      category: e.category,
      case: e.lines.map((l) => `${l.source}: ${l.text}`).join('\n'),
      quotes: cited.map((l) => l.text),
      answer: {
        category: e.category,
        severity: e.severity,
        container: e.container,
        title: e.title,
        summary: e.summary,
        rootCause: e.rootCause,
        evidence: cited.map((l) => ({ source: l.source, text: l.text })),
        fixes: e.fixes,
        confidence: e.confidence,
        disagreement: null,
      },
    };
  });
}

export function loadWorkedExamples(file: string): WorkedExample[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file}: cannot read worked examples (${(error as Error).message})`, file, { cause: error });
  }
  return parseWorkedExamples(raw, file);
}

let shipped: WorkedExample[] | undefined;

/** `prompt-examples/examples.json` at the package root (two levels above src/prompt and dist/prompt), read once. */
export function loadDefaultExamples(): WorkedExample[] {
  shipped ??= loadWorkedExamples(fileURLToPath(new URL('../../prompt-examples/examples.json', import.meta.url)));
  return shipped;
}

// Categories whose evidence looks alike, so a neighbour is the next-best analogy.
const FAMILIES: readonly (readonly Category[])[] = [
  ['oom-killed', 'app-crash', 'config-error', 'command-error', 'missing-dependency', 'liveness-probe-failure', 'init-container-failure'],
  ['liveness-probe-failure', 'readiness-probe-failure', 'missing-dependency'],
  ['image-not-found', 'image-pull-auth', 'registry-unreachable', 'invalid-image-name'],
  ['missing-configmap', 'missing-secret', 'missing-config-key', 'volume-mount-failure', 'config-error'],
  ['insufficient-resources', 'node-affinity-mismatch', 'untolerated-taint', 'pvc-unbound', 'quota-exceeded'],
  ['sandbox-failure', 'evicted', 'stuck-terminating', 'rollout-stuck', 'volume-mount-failure'],
];

function categoryCloseness(a: Category, b: Category): number {
  if (a === b) return 2;
  return FAMILIES.some((family) => family.includes(a) && family.includes(b)) ? 1 : 0;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z][a-z0-9]{2,}/g) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** What the case at hand says: the rules' evidence, warning events and the tail of each log. */
export function caseText(snapshot: Snapshot, diagnosis: Diagnosis): string {
  return [
    ...diagnosis.findings.flatMap((f) => [f.title, ...f.evidence.map((e) => e.text)]),
    ...snapshot.events.filter((e) => e.type !== 'Normal').map((e) => `${e.reason ?? ''} ${e.message ?? ''}`),
    ...snapshot.logs.map((l) => l.text.split('\n').slice(-40).join('\n')),
  ].join('\n');
}

function snapshotCorpus(snapshot: Snapshot): string {
  return [JSON.stringify(snapshot.objects), ...snapshot.events.map((e) => e.message ?? ''), ...snapshot.logs.map((l) => l.text)].join('\n');
}

export interface ExampleQuery {
  mode: PromptMode;
  category: Category;
  snapshot: Snapshot;
  diagnosis: Diagnosis;
}

/**
 * The 0/1/3 examples for the mode: same category first, then a neighbouring one, then the
 * closest wording. An example whose every cited line occurs in this snapshot was built from
 * it, and showing the model its own answer would be a leak, so it is skipped.
 */
export function selectExamples(pool: readonly WorkedExample[], query: ExampleQuery): WorkedExample[] {
  const count = query.mode === 'zero-shot' ? 0 : query.mode === 'one-shot' ? 1 : 3;
  if (count === 0 || pool.length === 0) return [];
  const corpus = snapshotCorpus(query.snapshot);
  const here = words(caseText(query.snapshot, query.diagnosis));
  return pool
    .filter((e) => !(e.quotes.length > 0 && e.quotes.every((q) => corpus.includes(q))))
    .map((e) => ({ e, closeness: categoryCloseness(e.category, query.category), similarity: jaccard(words(e.case), here) }))
    .sort((a, b) => b.closeness - a.closeness || b.similarity - a.similarity || a.e.id.localeCompare(b.e.id))
    .slice(0, count)
    .map((s) => s.e);
}

export const WORKED_EXAMPLES_HEADING = '## Worked examples';

/** The examples section: placed after the rules and before any cluster data. */
export function renderWorkedExamples(examples: readonly WorkedExample[]): string {
  if (examples.length === 0) return '';
  const blocks = examples.map((e, i) => `### Example ${i + 1} (${e.category})\nData:\n${e.case}\nAnswer:\n${JSON.stringify(e.answer)}`);
  return [
    WORKED_EXAMPLES_HEADING,
    'Solved cases from other clusters, showing the reasoning and the answer format. They are not about the case below: never quote them as evidence.',
    ...blocks,
  ].join('\n\n');
}

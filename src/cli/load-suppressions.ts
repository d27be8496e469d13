import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CATEGORIES } from '../domain/categories.js';
import { fingerprintsOf, loadIgnoreFile, suppressKnown, type IgnoreList } from '../detect/baseline.js';
import type { Finding } from '../domain/diagnosis.js';
import { diagnosisSchema } from '../domain/diagnosis.js';
import { InputError } from '../domain/errors.js';
import { formatFirstIssue } from '../domain/format-issues.js';
import type { CommandIo } from './command-context.js';

export interface SuppressionFlags {
  /** A previous `--output json` diagnosis: only findings with new fingerprints count. */
  baseline?: string;
  /** Defaults to `.k8sdiagignore` in the working directory when present. */
  ignoreFile?: string;
}

async function readIgnoreList(flags: SuppressionFlags, io: CommandIo): Promise<IgnoreList | undefined> {
  const path = flags.ignoreFile ?? join(io.cwd, '.k8sdiagignore');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !flags.ignoreFile) return undefined;
    throw new InputError(`${path}: cannot read ignore file (${code ?? (error as Error).message})`, path);
  }
  const list = loadIgnoreFile(text);
  const bad = list.invalid[0];
  if (bad) throw new InputError(`${path}:${bad.line}: ${whyInvalid(bad.text.trim())}`, path);
  return list;
}

/** Says which part of an ignore line is wrong, with the closest category when it is a typo. */
function whyInvalid(line: string): string {
  const category = /^category:\s*(\S+)$/i.exec(line)?.[1];
  if (category !== undefined) {
    const near = closestCategory(category);
    return `unknown category "${category}"; ${near ? `did you mean category:${near}?` : `use one of: ${CATEGORIES.join(', ')}`}`;
  }
  if (/^categ/i.test(line)) return `expected category:<name>, got "${line}"`;
  return `expected a fingerprint (8-64 hex characters, as printed by scan and --output json) or category:<name>, got "${line}"`;
}

function closestCategory(text: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of CATEGORIES) {
    const distance = editDistance(text.toLowerCase(), name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= 3 ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** An earlier `scan --output json`: its entries' fingerprints are the known problems. */
const scanBaselineSchema = z.object({
  kind: z.literal('ScanResult'),
  entries: z.array(z.object({ fingerprint: z.string(), findingFingerprints: z.array(z.string()).optional() })),
});

async function readBaseline(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot read baseline (${error.code ?? error.message})`, file);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(`${file}: baseline is not valid JSON (expected an earlier --output json diagnosis)`, file);
  }
  const scan = scanBaselineSchema.safeParse(data);
  if (scan.success) return scan.data.entries.flatMap((entry) => [entry.fingerprint, ...(entry.findingFingerprints ?? [])]);
  const parsed = diagnosisSchema.safeParse(data);
  if (!parsed.success) throw new InputError(`${file}: ${formatFirstIssue(parsed.error)} (expected an earlier --output json of diagnose/pod/deploy or scan)`, file);
  return fingerprintsOf(parsed.data);
}

/** Reads `--baseline` and `.k8sdiagignore` into a filter that keeps only the findings that should fail CI. */
export async function loadSuppressions(flags: SuppressionFlags, io: CommandIo): Promise<(findings: readonly Finding[]) => Finding[]> {
  const ignored = await readIgnoreList(flags, io);
  const baselineFingerprints = flags.baseline ? await readBaseline(flags.baseline) : [];
  return (findings) => suppressKnown(findings, { ...(ignored ? { ignored } : {}), baselineFingerprints });
}

import type { Category } from '../domain/categories.js';
import type { Snapshot } from '../domain/snapshot.js';
import { reduceLogs } from './reduce-logs.js';
import { renderEvents, renderStatus } from './render-snapshot-sections.js';
import type { LlmAnswer } from './llm-answer-schema.js';

/** One solved case shown to the model before the real one (one-shot / few-shot). */
export interface WorkedExample {
  category: Category;
  case: string;
  answer: LlmAnswer;
}

/** What a labeled scenario knows about its answer (shape of fixtures/scenarios/<id>/label.json). */
export interface ExampleLabel {
  category: Category;
  notes: string;
  evidence?: readonly string[];
  fix?: readonly string[];
}

function linesContaining(snapshot: Snapshot, needle: string): string | undefined {
  const lower = needle.toLowerCase();
  for (const log of snapshot.logs) for (const line of log.text.split('\n')) if (line.toLowerCase().includes(lower)) return line.trim();
  for (const event of snapshot.events) if ((event.message ?? '').toLowerCase().includes(lower)) return event.message ?? undefined;
  return undefined;
}

/** A labeled scenario turned into a short case and the answer we want, quotes taken from its own data. */
export function workedExampleFromScenario(snapshot: Snapshot, label: ExampleLabel): WorkedExample {
  const logs = snapshot.logs.map((l) => reduceLogs(l.text, 150).text).join('\n');
  const caseText = [renderStatus(snapshot), renderEvents(snapshot, 6), logs].filter((s) => s.trim() !== '').join('\n');
  const evidence = (label.evidence ?? [])
    .map((needle) => linesContaining(snapshot, needle))
    .filter((line): line is string => line !== undefined)
    .map((text) => ({ source: snapshot.logs.some((l) => l.text.includes(text)) ? ('log' as const) : ('event' as const), text }));
  const firstSentence = label.notes.split(/(?<=\.)\s/)[0] ?? label.notes;
  return {
    category: label.category,
    case: caseText,
    answer: {
      category: label.category,
      severity: label.category === 'healthy' ? 'info' : 'critical',
      container: snapshot.logs[0]?.container ?? null,
      title: label.category,
      summary: firstSentence,
      rootCause: label.notes,
      evidence,
      fixes: (label.fix ?? []).map((f) => ({ description: `Fix ${f} as described in the root cause.`, command: null })),
      confidence: 0.9,
      disagreement: null,
    },
  };
}

/** Picks examples for the mode: the draft's own category first (the closest analogy), then one per other category. */
export function pickExamples(examples: readonly WorkedExample[], mode: 'zero-shot' | 'one-shot' | 'few-shot', draftCategory: Category): WorkedExample[] {
  const count = mode === 'zero-shot' ? 0 : mode === 'one-shot' ? 1 : 3;
  const sameFirst = [...examples].sort((a, b) => Number(b.category === draftCategory) - Number(a.category === draftCategory));
  const picked: WorkedExample[] = [];
  for (const example of sameFirst) {
    if (picked.length >= count) break;
    if (!picked.some((p) => p.category === example.category)) picked.push(example);
  }
  return picked;
}

import { CATEGORIES } from '../domain/categories.js';
import type { Split } from './split-examples.js';

export interface DataCardInput {
  split: Split;
  validationRatio: number;
  sources: { scenarios: string | null; historyDb: string | null; minRating: number };
  promptBuilder: string;
}

/** A short markdown card: where the rows came from and how many per category and split. */
export function renderDataCard({ split, validationRatio, sources, promptBuilder }: DataCardInput): string {
  const count = (rows: Split['train'], category: string, source?: string): number =>
    rows.filter((r) => r.category === category && (source === undefined || r.source === source)).length;
  const all = [...split.train, ...split.validation];
  const present = CATEGORIES.filter((c) => all.some((r) => r.category === c));
  const lines = [
    '# k8sdiag fine-tuning data card',
    '',
    `- Format: chat JSONL (\`{"messages": [system, user, assistant]}\`), one example per line.`,
    `- User turn: the prompt k8sdiag builds (${promptBuilder}); assistant turn: the labeled or highly rated diagnosis as JSON.`,
    `- Scenarios: ${sources.scenarios ?? 'none'}`,
    `- History: ${sources.historyDb ? `${sources.historyDb} (investigations rated >= ${sources.minRating}, corrected category applied)` : 'none'}`,
    `- Split: deterministic by hash of the example id, stratified by category, validation ratio ${validationRatio}.`,
    '- Redaction: every string passed through k8sdiag redact(); history stores only redacted text.',
    '',
    `Totals: ${all.length} examples, ${split.train.length} train, ${split.validation.length} validation ` +
      `(${all.filter((r) => r.source === 'scenario').length} from scenarios, ${all.filter((r) => r.source === 'history').length} from history).`,
    '',
    '| category | train | validation | scenarios | history |',
    '|---|---:|---:|---:|---:|',
    ...present.map((c) => `| ${c} | ${count(split.train, c)} | ${count(split.validation, c)} | ${count(all, c, 'scenario')} | ${count(all, c, 'history')} |`),
    '',
    '## Known limits',
    '',
    '- Categories with one example are train-only; read validation scores per category with that in mind.',
    '- History rows carry findings but no snapshot, so their prompts have no event or log context.',
    '',
  ];
  return lines.join('\n');
}

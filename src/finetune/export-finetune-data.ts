import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../bench/load-scenarios.js';
import type { InvestigationRecord } from '../history/investigation-record.js';
import { renderDataCard } from './data-card.js';
import { historyExamples } from './history-examples.js';
import { renderModelfile } from './modelfile.js';
import { scenarioExamples } from './scenario-examples.js';
import { splitExamples } from './split-examples.js';
import type { TrainingExample } from './training-example.js';

export interface ExportInput {
  scenarios: readonly Scenario[];
  history: readonly InvestigationRecord[];
  outDir: string;
  validationRatio: number;
  minRating: number;
  modelfileBase?: string;
  sources: { scenarios: string | null; historyDb: string | null };
}

export interface ExportResult {
  files: string[];
  train: number;
  validation: number;
}

export async function exportFinetuneData(input: ExportInput): Promise<ExportResult> {
  const examples = [...(await scenarioExamples(input.scenarios)), ...historyExamples(input.history, input.minRating)];
  const split = splitExamples(examples, input.validationRatio);
  await mkdir(input.outDir, { recursive: true });
  const files: Record<string, string> = {
    'train.jsonl': toJsonl(split.train),
    'validation.jsonl': toJsonl(split.validation),
    'DATA_CARD.md': renderDataCard({
      split,
      validationRatio: input.validationRatio,
      sources: { ...input.sources, minRating: input.minRating },
      promptBuilder: 'prompt/build-prompt.ts, zero-shot; history rows: findings only',
    }),
  };
  if (input.modelfileBase) files.Modelfile = renderModelfile({ base: input.modelfileBase });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(input.outDir, name);
    await writeFile(path, text);
    written.push(path);
  }
  return { files: written, train: split.train.length, validation: split.validation.length };
}

function toJsonl(examples: readonly TrainingExample[]): string {
  return examples.map((e) => JSON.stringify({ messages: e.messages })).join('\n') + (examples.length > 0 ? '\n' : '');
}

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenarios, type Scenario } from '../../bench/load-scenarios.js';
import { historyConfig } from '../../config/history-config.js';
import { UsageError } from '../../domain/errors.js';
import { exportFinetuneData } from '../../finetune/export-finetune-data.js';
import { openHistoryStore } from '../../history/history-store.js';
import type { InvestigationRecord } from '../../history/investigation-record.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';

export interface FinetuneExportArgs {
  out?: string;
  valRatio?: string;
  scenarios?: string;
  /** commander's --no-history sets this false. */
  history?: boolean;
  minRating?: string;
  modelfile?: boolean;
  base?: string;
}

/** `k8sdiag finetune export`: chat JSONL from labeled scenarios and well-rated history. */
export async function run(args: FinetuneExportArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const validationRatio = Number(args.valRatio ?? '0.1');
  if (!Number.isFinite(validationRatio) || validationRatio < 0 || validationRatio >= 1) throw new UsageError(`--val-ratio must be a number from 0 up to (not including) 1 (got "${args.valRatio}")`);
  const minRating = Number(args.minRating ?? '4');
  if (!Number.isInteger(minRating) || minRating < 1 || minRating > 5) throw new UsageError(`--min-rating must be a whole number from 1 to 5 (got "${args.minRating}")`);

  const outDir = resolve(io.cwd, args.out ?? 'finetune-data');
  // Checked before any work: writing into a regular file used to end in an internal error.
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--out ${args.out ?? 'finetune-data'}: exists and is not a directory`);

  const scenarioDir = resolve(io.cwd, args.scenarios ?? 'fixtures/scenarios');
  let scenarios: Scenario[] = [];
  if (args.scenarios !== undefined || existsSync(scenarioDir)) scenarios = await loadScenarios(scenarioDir);
  else io.err(`note: no ${scenarioDir}; exporting history only (use --scenarios <dir>)\n`);

  let history: InvestigationRecord[] = [];
  let historyDb: string | null = null;
  if (args.history !== false) {
    historyDb = historyConfig(io.env).dbPath;
    const store = openHistoryStore(historyDb);
    try {
      history = store.list({ minRating });
    } finally {
      store.close();
    }
  }
  if (scenarios.length === 0 && history.length === 0) {
    throw new UsageError(`nothing to export: no scenarios and no investigations rated >= ${minRating}; rate some with \`k8sdiag feedback <id> --rating 5\``);
  }

  const result = await exportFinetuneData({
    scenarios,
    history,
    outDir,
    validationRatio,
    minRating,
    ...(args.modelfile ? { modelfileBase: args.base ?? 'llama3.1' } : {}),
    sources: { scenarios: scenarios.length > 0 ? scenarioDir : null, historyDb },
  });
  if (globals.output === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
  else io.out(`wrote ${result.train} training and ${result.validation} validation examples:\n${result.files.map((f) => `  ${f}`).join('\n')}\n`);
  return 0;
}

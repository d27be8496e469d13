import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildBenchReport } from '../../bench/bench-report.js';
import { compareReports, readPreviousReport, renderComparison, type MetricDelta } from '../../bench/compare-bench.js';
import { loadScenarios } from '../../bench/load-scenarios.js';
import { relevantDocsByCategory } from '../../bench/relevant-docs.js';
import { renderBenchHtml } from '../../bench/render-bench-html.js';
import { renderBenchMarkdown, renderBenchTable } from '../../bench/render-bench-table.js';
import { runBench, type DiagnoseCase } from '../../bench/run-bench.js';
import { isTechniqueId, TECHNIQUE_IDS, type LlmChoice, type TechniqueId } from '../../bench/techniques.js';
import { loadLlmConfig, readDotenv } from '../../config/llm-config.js';
import { UsageError } from '../../domain/errors.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';

export interface BenchArgs {
  scenarios?: string;
  technique?: string[];
  model?: string;
  route?: string;
  repeat?: string;
  concurrency?: string;
  resume?: string;
  report?: string;
  compare?: string;
  docs?: string;
  k?: string;
  /** Tests only: replaces the pipeline call (the CLI never sets it). */
  diagnoseCase?: DiagnoseCase;
}

/** `k8sdiag bench`: technique × scenario through diagnose(), scored against the labels. */
export async function run(args: BenchArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const techniques = parseTechniques(args.technique);
  const repeat = positiveInt('--repeat', args.repeat, 1);
  const concurrency = positiveInt('--concurrency', args.concurrency, 4);
  const k = positiveInt('--k', args.k, 5);
  const llm = llmChoice(args, globals, io);
  const scenarioDir = resolve(io.cwd, args.scenarios ?? 'fixtures/scenarios');
  const scenarios = await loadScenarios(scenarioDir);
  const docsDir = resolve(io.cwd, args.docs ?? 'docs-corpus');
  const relevantDocs = existsSync(docsDir) ? await relevantDocsByCategory(docsDir) : new Map<string, string[]>();
  const previous = args.compare ? await readPreviousReport(resolve(io.cwd, args.compare)) : undefined;

  const progress = io.stderrIsTty
    ? (done: number, total: number, finished: { technique: string; scenario: string }) => io.err(`\r\x1b[K[${done}/${total}] ${finished.technique} ${finished.scenario}`)
    : undefined;
  const benchRun = await runBench({
    scenarios,
    techniques,
    llm,
    repeat,
    concurrency,
    ...(args.resume ? { resultsFile: resolve(io.cwd, args.resume) } : {}),
    ...(args.diagnoseCase ? { diagnoseCase: args.diagnoseCase } : {}),
    ...(progress ? { onProgress: progress } : {}),
  });
  if (progress) io.err('\r\x1b[K');

  const report = buildBenchReport({ run: benchRun, scenarios, scenarioDir: args.scenarios ?? 'fixtures/scenarios', llm, relevantDocs, k });
  const deltas: MetricDelta[] = previous ? compareReports(report, previous) : [];
  if (args.report) {
    await writeFile(resolve(io.cwd, args.report), renderBenchHtml(report, deltas));
    if (globals.output === 'text') io.err(`wrote ${args.report}\n`);
  }
  if (globals.output === 'json') io.out(`${JSON.stringify(previous ? { ...report, comparison: deltas } : report, null, 2)}\n`);
  else if (globals.output === 'markdown') io.out(renderBenchMarkdown(report) + (previous ? renderComparison(deltas, true) : ''));
  else io.out(renderBenchTable(report) + (previous ? renderComparison(deltas) : ''));
  return 0;
}

function parseTechniques(values: string[] | undefined): TechniqueId[] {
  if (!values || values.length === 0) return [...TECHNIQUE_IDS];
  const split = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const bad = split.filter((v) => !isTechniqueId(v));
  if (bad.length > 0) throw new UsageError(`unknown technique "${bad[0]}"; use one of: ${TECHNIQUE_IDS.join(', ')}`);
  return [...new Set(split)] as TechniqueId[];
}

function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new UsageError(`${flag} must be a whole number of at least 1 (got "${value}")`);
  return parsed;
}

/** `--llm ollama --model my-ft` and `--model ollama:my-ft` both mean provider ollama, model my-ft. */
function llmChoice(args: BenchArgs, globals: GlobalOptions, io: CommandIo): LlmChoice {
  const route = args.route ?? 'auto';
  if (route !== 'simple' && route !== 'reasoning' && route !== 'auto') throw new UsageError(`--route must be simple, reasoning or auto (got "${route}")`);
  const explicit = globals.llm !== 'none' && globals.llm !== 'auto' ? globals.llm : undefined;
  const modelRef = args.model && !args.model.includes(':') && explicit ? `${explicit}:${args.model}` : args.model;
  const { config, errors } = loadLlmConfig({ llm: globals.llm, ...(modelRef ? { model: modelRef } : {}), ...(route !== 'auto' ? { route } : {}) }, io.env, readDotenv(io.cwd));
  if (errors.length > 0) throw new UsageError(errors.join('; '));
  const modelId = config.model?.slice(config.model.indexOf(':') + 1);
  return { provider: config.provider, ...(modelId ? { model: modelId } : {}), route };
}

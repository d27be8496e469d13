import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildBenchReport } from '../../bench/bench-report.js';
import { compareReports, readPreviousReport, renderComparison, type MetricDelta } from '../../bench/compare-bench.js';
import { judgeCases } from '../../bench/judge.js';
import { loadScenarios } from '../../bench/load-scenarios.js';
import { relevantDocsByCategory } from '../../bench/relevant-docs.js';
import { renderBenchHtml } from '../../bench/render-bench-html.js';
import { renderBenchMarkdown, renderBenchTable } from '../../bench/render-bench-table.js';
import { runBench, type DiagnoseCase } from '../../bench/run-bench.js';
import { isTechniqueId, TECHNIQUE_IDS, type LlmChoice, type TechniqueId } from '../../bench/techniques.js';
import { loadLlmConfig, readDotenv } from '../../config/llm-config.js';
import { loadRetrievalConfig } from '../../config/retrieval-config.js';
import { InputError, UsageError } from '../../domain/errors.js';
import { createModelRegistry } from '../../llm/default-registry.js';
import type { LanguageModel } from '../../llm/language-model.js';
import { benchDepsFactory } from '../bench-deps.js';
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
  /** provider:model that grades explanations with the rubric. */
  judge?: string;
  rubric?: string;
  /** Tests only: a judge model built elsewhere. */
  judgeModel?: LanguageModel;
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
  // The same corpus the retriever indexes defines which documents are relevant for recall@k.
  const docsDir = args.docs ? resolve(io.cwd, args.docs) : loadRetrievalConfig({}, io.env, io.cwd).config.docsDir;
  const relevantDocs = existsSync(docsDir) ? await relevantDocsByCategory(docsDir) : new Map<string, string[]>();
  const previous = args.compare ? await readPreviousReport(resolve(io.cwd, args.compare)) : undefined;

  const progress = io.stderrIsTty
    ? (done: number, total: number, finished: { technique: string; scenario: string }) => io.err(`\r\x1b[K[${done}/${total}] ${finished.technique} ${finished.scenario}`)
    : undefined;
  const notices = noticeCollector();
  const benchRun = await runBench({
    scenarios,
    techniques,
    llm,
    repeat,
    concurrency,
    ...(args.resume ? { resultsFile: resolve(io.cwd, args.resume) } : {}),
    ...(args.diagnoseCase ? { diagnoseCase: args.diagnoseCase } : { depsFor: benchDepsFactory(globals, io, args.docs, notices.add) }),
    ...(progress ? { onProgress: progress } : {}),
  });
  if (progress) io.err('\r\x1b[K');
  for (const notice of notices.lines()) io.err(`note: ${notice}\n`);

  const report = buildBenchReport({ run: benchRun, scenarios, scenarioDir: args.scenarios ?? 'fixtures/scenarios', llm, relevantDocs, k });
  const judge = args.judgeModel ?? (args.judge ? judgeModelFor(args.judge, io) : undefined);
  if (judge) {
    const rubricFile = resolve(io.cwd, args.rubric ?? 'bench/judge-rubric.md');
    const rubric = await readFile(rubricFile, 'utf8').catch((cause: unknown) => {
      throw new InputError(`${rubricFile}: cannot read the judge rubric; pass --rubric <file>`, rubricFile, { cause });
    });
    const labels = new Map(scenarios.map((s) => [s.id, s.label]));
    for (const technique of report.techniques) {
      if (!technique.metrics) continue;
      technique.judge = await judgeCases(judge, rubric, benchRun.cases.filter((c) => c.technique === technique.technique), labels);
    }
  }
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

/** Retrieval notices (fallback embedder, index built) repeat per case; say each once. */
function noticeCollector(): { add: (line: string) => void; lines: () => string[] } {
  const seen = new Set<string>();
  return { add: (line) => void seen.add(line), lines: () => [...seen] };
}

function judgeModelFor(ref: string, io: CommandIo): LanguageModel {
  const { config, errors } = loadLlmConfig({ model: ref }, io.env, readDotenv(io.cwd));
  if (errors.length > 0) throw new UsageError(`--judge: ${errors.join('; ')}`);
  return createModelRegistry(config.connections).languageModel(ref);
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

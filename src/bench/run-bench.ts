import { performance } from 'node:perf_hooks';
import type { Diagnosis } from '../domain/diagnosis.js';
import { firstLineOf } from '../domain/errors.js';
import type { Snapshot } from '../domain/snapshot.js';
import { costOf, loadPriceTable, type PriceTable } from '../llm/price-table.js';
import { diagnose, type DiagnoseDeps, type DiagnoseResult } from '../pipeline/diagnose.js';
import { caseKey, type BenchCase } from './bench-case.js';
import type { Scenario } from './load-scenarios.js';
import { appendResult, readResults, repairTail } from './results-file.js';
import { resolveTechnique, type LlmChoice, type TechniqueId, type TechniqueOptions } from './techniques.js';

/** How one case is diagnosed; tests may swap it, the CLI always uses the pipeline. */
export type DiagnoseCase = (snapshot: Snapshot, technique: TechniqueOptions) => Promise<DiagnoseResult>;

export interface RunBenchInput {
  scenarios: readonly Scenario[];
  techniques: readonly TechniqueId[];
  llm: LlmChoice;
  /** LLM runs vary; deterministic techniques run once whatever this says. */
  repeat: number;
  concurrency: number;
  /** JSONL written as cases finish; when it already holds cases, those are not run again. */
  resultsFile?: string;
  /** The pipeline's dependencies for a technique (retriever, explain settings); default: rules only. */
  depsFor?: (technique: TechniqueOptions) => DiagnoseDeps;
  diagnoseCase?: DiagnoseCase;
  prices?: PriceTable;
  onProgress?: (done: number, total: number, finished: BenchCase) => void;
}

export interface TechniqueRunInfo {
  technique: TechniqueId;
  /** null when it ran. */
  notRun: string | null;
  repeats: number;
  options: TechniqueOptions | null;
}

export interface BenchRun {
  techniques: TechniqueRunInfo[];
  cases: BenchCase[];
  /** Cases taken from the results file instead of being run. */
  resumed: number;
}

/** The one code path: the technique only changes which dependencies diagnose() gets. */
export function pipelineDiagnoseCase(depsFor: (technique: TechniqueOptions) => DiagnoseDeps = () => ({})): DiagnoseCase {
  return (snapshot, technique) => diagnose(snapshot, depsFor(technique));
}

export async function runBench(input: RunBenchInput): Promise<BenchRun> {
  const diagnoseCase = input.diagnoseCase ?? pipelineDiagnoseCase(input.depsFor);
  const prices = input.prices ?? loadPriceTable();
  const techniques: TechniqueRunInfo[] = input.techniques.map((technique) => {
    const resolution = resolveTechnique(technique, input.llm);
    if (!resolution.run) return { technique, notRun: resolution.reason, repeats: 0, options: null };
    return { technique, notRun: null, repeats: resolution.options.llm ? Math.max(1, input.repeat) : 1, options: resolution.options };
  });

  const previous = input.resultsFile ? readResults(input.resultsFile) : [];
  if (input.resultsFile) repairTail(input.resultsFile);
  const done = new Map(previous.map((c) => [caseKey(c), c]));
  const tasks: { info: TechniqueRunInfo & { options: TechniqueOptions }; repeat: number; scenario: Scenario }[] = [];
  for (const info of techniques) {
    if (!info.options) continue;
    for (let repeat = 0; repeat < info.repeats; repeat += 1) {
      for (const scenario of input.scenarios) tasks.push({ info: info as TechniqueRunInfo & { options: TechniqueOptions }, repeat, scenario });
    }
  }
  const wanted = new Set(tasks.map((t) => caseKey({ technique: t.info.technique, repeat: t.repeat, scenario: t.scenario.id })));
  const results: BenchCase[] = [...done.values()].filter((c) => wanted.has(caseKey(c)));
  const pending = tasks.filter((t) => !done.has(caseKey({ technique: t.info.technique, repeat: t.repeat, scenario: t.scenario.id })));
  const total = tasks.length;
  let finished = results.length;

  const runOne = async (task: (typeof pending)[number]): Promise<void> => {
    const started = performance.now();
    let diagnosis: Diagnosis;
    let error: string | undefined;
    try {
      diagnosis = (await diagnoseCase(task.scenario.snapshot, task.info.options)).diagnosis;
    } catch (cause) {
      error = firstLineOf(cause);
      diagnosis = failedDiagnosis(task.scenario.snapshot, error);
    }
    const latencyMs = performance.now() - started;
    const llm = diagnosis.llm;
    const tokens = llm?.tokens ? { input: llm.tokens.input ?? 0, output: llm.tokens.output ?? 0 } : null;
    const result: BenchCase = {
      technique: task.info.technique,
      repeat: task.repeat,
      scenario: task.scenario.id,
      latencyMs: Math.round(latencyMs * 10) / 10,
      tokens,
      costUsd: llm && tokens ? costOf(prices, llm.provider, llm.model, tokens) ?? null : llm ? null : 0,
      route: llm?.route ?? null,
      ...(error ? { error } : {}),
      diagnosis,
    };
    if (input.resultsFile) appendResult(input.resultsFile, result);
    results.push(result);
    finished += 1;
    input.onProgress?.(finished, total, result);
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const task = pending[next];
      next += 1;
      if (task) await runOne(task);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency, pending.length)) }, worker));
  const order = new Map(tasks.map((t, i) => [caseKey({ technique: t.info.technique, repeat: t.repeat, scenario: t.scenario.id }), i]));
  results.sort((a, b) => (order.get(caseKey(a)) ?? 0) - (order.get(caseKey(b)) ?? 0));
  return { techniques, cases: results, resumed: previous.filter((c) => wanted.has(caseKey(c))).length };
}

/** A run that threw counts as a wrong answer with no confidence, and says why. */
function failedDiagnosis(snapshot: Snapshot, error: string): Diagnosis {
  return {
    apiVersion: 'k8sdiag/v1',
    kind: 'Diagnosis',
    target: snapshot.target,
    status: 'failing',
    category: 'unknown',
    confidence: 0,
    summary: `bench: the run failed: ${error}`,
    findings: [],
    references: [],
    llm: null,
  };
}

import type { BenchRun } from './run-bench.js';
import type { JudgeSummary } from './judge.js';
import { computeMetrics, type TechniqueMetrics } from './metrics.js';
import type { Scenario } from './load-scenarios.js';
import { TECHNIQUES, type LlmChoice, type TechniqueId } from './techniques.js';

export interface TechniqueReport {
  technique: TechniqueId;
  description: string;
  provider: string | null;
  model: string | null;
  /** e.g. "not run: no provider"; null when it ran. */
  notRun: string | null;
  repeats: number;
  metrics: TechniqueMetrics | null;
  /** LLM-as-judge explanation quality, when --judge was given. */
  judge?: JudgeSummary;
}

export interface BenchReport {
  apiVersion: 'k8sdiag/v1';
  kind: 'BenchReport';
  scenarios: { dir: string; count: number; categories: number };
  llm: { provider: string | null; model: string | null; route: string };
  techniques: TechniqueReport[];
  resumedCases: number;
}

export interface ReportInput {
  run: BenchRun;
  scenarios: readonly Scenario[];
  scenarioDir: string;
  llm: LlmChoice;
  relevantDocs: ReadonlyMap<string, readonly string[]>;
  k: number;
}

export function buildBenchReport({ run, scenarios, scenarioDir, llm, relevantDocs, k }: ReportInput): BenchReport {
  const labels = new Map(scenarios.map((s) => [s.id, s.label]));
  return {
    apiVersion: 'k8sdiag/v1',
    kind: 'BenchReport',
    scenarios: { dir: scenarioDir, count: scenarios.length, categories: new Set(scenarios.map((s) => s.label.category)).size },
    llm: { provider: llm.provider, model: llm.model ?? null, route: llm.route },
    techniques: run.techniques.map((info) => {
      const cases = run.cases.filter((c) => c.technique === info.technique);
      const usesLlm = Boolean(info.options?.llm);
      return {
        technique: info.technique,
        description: TECHNIQUES[info.technique].description,
        provider: usesLlm ? llm.provider : null,
        model: usesLlm ? (llm.model ?? null) : null,
        notRun: info.notRun,
        repeats: info.repeats,
        metrics: info.notRun
          ? null
          : computeMetrics({ cases, labels, usesRetrieval: (info.options?.retrieval ?? 'none') !== 'none', relevantDocs, k }),
      };
    }),
    resumedCases: run.resumed,
  };
}

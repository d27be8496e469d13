import type { Category } from '../domain/categories.js';
import type { Diagnosis } from '../domain/diagnosis.js';
import type { BenchCase } from './bench-case.js';
import { brierScore, expectedCalibrationError, percentile } from './calibration.js';
import { sameDoc } from './relevant-docs.js';
import type { ScenarioLabel } from './scenario-label.js';
import { scoreScenarios, type Confusion } from './score-scenarios.js';

export interface Spread {
  mean: number;
  stdev: number;
  min: number;
  max: number;
}

export interface TechniqueMetrics {
  cases: number;
  accuracy: number;
  perCategory: { category: Category; n: number; correct: number; accuracy: number | null }[];
  confusions: Confusion[];
  /** Share of label evidence strings found in the primary finding's evidence. */
  evidenceRecall: number | null;
  /** Share of scenarios whose fix strings all appear in the fixes. */
  fixHits: number | null;
  /** null where the technique does no retrieval, or the pipeline returned no references. */
  retrievalRecallAtK: number | null;
  k: number;
  falseAlarms: number;
  healthyChecked: number;
  brier: number | null;
  ece: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  tokensIn: number;
  tokensOut: number;
  /** null when some LLM model has no price in the table. */
  costUsd: number | null;
  routes: Record<string, number>;
  errors: number;
  /** Across --repeat runs; null for a single run. */
  spread: { accuracy: Spread; evidenceRecall: Spread | null } | null;
}

export interface MetricsInput {
  cases: readonly BenchCase[];
  labels: ReadonlyMap<string, ScenarioLabel>;
  usesRetrieval: boolean;
  relevantDocs: ReadonlyMap<string, readonly string[]>;
  k: number;
}

export function computeMetrics({ cases, labels, usesRetrieval, relevantDocs, k }: MetricsInput): TechniqueMetrics {
  const scored = cases.flatMap((c) => {
    const label = labels.get(c.scenario);
    return label ? [{ id: c.scenario, label, diagnosis: c.diagnosis, bench: c }] : [];
  });
  const score = scoreScenarios(scored);
  const calibration = scored.map((s) => ({ confidence: s.diagnosis.confidence, correct: s.diagnosis.category === s.label.category }));
  const latencies = cases.map((c) => c.latencyMs);
  const repeats = [...new Set(cases.map((c) => c.repeat))].sort((a, b) => a - b);
  const routes: Record<string, number> = {};
  for (const c of cases) if (c.route) routes[c.route] = (routes[c.route] ?? 0) + 1;

  const perRepeat = repeats.map((r) => scored.filter((s) => s.bench.repeat === r));
  return {
    cases: cases.length,
    accuracy: score.accuracy,
    perCategory: score.perCategory
      .filter((c) => c.n > 0)
      .map((c) => ({ category: c.category, n: c.n, correct: c.truePositives, accuracy: c.recall })),
    confusions: score.confusions,
    evidenceRecall: evidenceRecall(scored),
    fixHits: score.fix.rate,
    retrievalRecallAtK: usesRetrieval ? recallAtK(scored, relevantDocs, k) : null,
    k,
    falseAlarms: score.falseAlarms.length,
    healthyChecked: score.healthyChecked,
    brier: brierScore(calibration),
    ece: expectedCalibrationError(calibration),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    tokensIn: cases.reduce((sum, c) => sum + (c.tokens?.input ?? 0), 0),
    tokensOut: cases.reduce((sum, c) => sum + (c.tokens?.output ?? 0), 0),
    costUsd: cases.some((c) => c.costUsd === null) ? null : cases.reduce((sum, c) => sum + (c.costUsd ?? 0), 0),
    routes,
    errors: cases.filter((c) => c.error).length,
    spread: repeats.length > 1
      ? {
          accuracy: spreadOf(perRepeat.map((group) => scoreScenarios(group).accuracy)),
          evidenceRecall: spreadOrNull(perRepeat.map((group) => evidenceRecall(group))),
        }
      : null,
  };
}

interface Scored {
  label: ScenarioLabel;
  diagnosis: Diagnosis;
}

function evidenceRecall(scored: readonly Scored[]): number | null {
  let wanted = 0;
  let found = 0;
  for (const { label, diagnosis } of scored) {
    const haystack = diagnosis.findings
      .filter((f) => f.category === diagnosis.category)
      .flatMap((f) => f.evidence.map((e) => e.text))
      .join('\n')
      .toLowerCase();
    for (const needle of label.evidence) {
      wanted += 1;
      if (haystack.includes(needle.toLowerCase())) found += 1;
    }
  }
  return wanted === 0 ? null : found / wanted;
}

function recallAtK(scored: readonly Scored[], relevantDocs: ReadonlyMap<string, readonly string[]>, k: number): number | null {
  if (scored.every((s) => s.diagnosis.references.length === 0)) return null;
  const recalls = scored.flatMap(({ label, diagnosis }) => {
    const relevant = relevantDocs.get(label.category) ?? [];
    if (relevant.length === 0) return [];
    const top = diagnosis.references.slice(0, k).map((r) => r.source);
    return [relevant.filter((doc) => top.some((ref) => sameDoc(ref, doc))).length / Math.min(relevant.length, k)];
  });
  return recalls.length === 0 ? null : recalls.reduce((a, b) => a + b, 0) / recalls.length;
}

export function spreadOf(values: readonly number[]): Spread {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const variance = values.length > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return { mean, stdev: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

function spreadOrNull(values: readonly (number | null)[]): Spread | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === values.length && present.length > 0 ? spreadOf(present) : null;
}

import { describe, expect, it } from 'vitest';
import { sampleDiagnosis, sampleFinding } from '../../test/helpers/sample-diagnosis.js';
import type { Category } from '../domain/categories.js';
import type { BenchCase } from './bench-case.js';
import { brierScore, expectedCalibrationError, percentile } from './calibration.js';
import { computeMetrics } from './metrics.js';
import type { ScenarioLabel } from './scenario-label.js';

const label = (category: Category, evidence: string[] = []): ScenarioLabel => ({ category, evidence, fix: [], tricky: false, notes: 'n' });
function benchCase(scenario: string, category: Category, extra: Partial<BenchCase> = {}, confidence = 0.9, references: string[] = []): BenchCase {
  return {
    technique: 'rag', repeat: 0, scenario, latencyMs: 10, tokens: null, costUsd: 0, route: null,
    diagnosis: sampleDiagnosis({ category, confidence, references: references.map((source, i) => ({ title: source, source, score: 1 - i / 10 })) }),
    ...extra,
  };
}

describe('calibration', () => {
  it('Brier is 0 for confident right answers and 1 for confident wrong ones', () => {
    expect(brierScore([{ confidence: 1, correct: true }])).toBe(0);
    expect(brierScore([{ confidence: 1, correct: false }])).toBe(1);
    expect(brierScore([{ confidence: 0.5, correct: true }, { confidence: 0.5, correct: false }])).toBeCloseTo(0.25);
  });

  it('ECE is the bin-weighted gap between confidence and hit rate', () => {
    // One bin at 0.9 confidence with 50% hits: gap 0.4.
    expect(expectedCalibrationError([{ confidence: 0.9, correct: true }, { confidence: 0.9, correct: false }])).toBeCloseTo(0.4);
    // Well calibrated: 0.75 confidence, 3 of 4 right.
    expect(expectedCalibrationError([true, true, true, false].map((correct) => ({ confidence: 0.75, correct })))).toBeCloseTo(0);
  });

  it('percentiles use observed values (nearest rank)', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('computeMetrics', () => {
  const labels = new Map<string, ScenarioLabel>([
    ['a', label('oom-killed', ['OOMKilled', 'not-in-evidence'])],
    ['b', label('image-not-found')],
    ['c', label('healthy')],
  ]);
  const relevantDocs = new Map([['oom-killed', ['docs-corpus/oom.md']], ['image-not-found', ['docs-corpus/image-not-found.md', 'docs-corpus/registries.md']]]);

  it('counts accuracy, false alarms on healthy targets and evidence recall per label string', () => {
    const m = computeMetrics({
      cases: [benchCase('a', 'oom-killed'), benchCase('b', 'app-crash'), benchCase('c', 'oom-killed')],
      labels, usesRetrieval: false, relevantDocs, k: 5,
    });
    expect(m.accuracy).toBeCloseTo(1 / 3);
    expect(m.falseAlarms).toBe(1);
    expect(m.healthyChecked).toBe(1);
    expect(m.evidenceRecall).toBe(0.5);
    expect(m.retrievalRecallAtK).toBeNull();
  });

  it('measures recall@k against the documents whose front matter lists the labeled category', () => {
    const m = computeMetrics({
      cases: [
        benchCase('a', 'oom-killed', {}, 0.9, ['other.md', 'docs-corpus/oom.md']),
        benchCase('b', 'image-not-found', {}, 0.9, ['docs-corpus/image-not-found.md#symptoms', 'x.md', 'y.md', 'docs-corpus/registries.md']),
      ],
      labels, usesRetrieval: true, relevantDocs, k: 3,
    });
    // a: 1 of 1 in top 3; b: 1 of 2 in top 3 (the second is ranked 4th).
    expect(m.retrievalRecallAtK).toBeCloseTo((1 + 0.5) / 2);
  });

  it('leaves cost unknown when a model has no price rather than counting it as free', () => {
    const m = computeMetrics({ cases: [benchCase('a', 'oom-killed', { costUsd: null, tokens: { input: 5, output: 1 } })], labels, usesRetrieval: false, relevantDocs, k: 5 });
    expect(m.costUsd).toBeNull();
    expect(m.tokensIn).toBe(5);
  });

  it('reports evidence for the answered category only', () => {
    const wrongFinding = sampleDiagnosis({ category: 'app-crash', findings: [sampleFinding({ category: 'oom-killed' }), sampleFinding({ category: 'app-crash', evidence: [] })] });
    const m = computeMetrics({ cases: [{ ...benchCase('a', 'app-crash'), diagnosis: wrongFinding }], labels, usesRetrieval: false, relevantDocs, k: 5 });
    expect(m.evidenceRecall).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Category } from '../domain/categories.js';
import type { Diagnosis, Finding } from '../domain/diagnosis.js';
import { scenarioLabelSchema } from './scenario-label.js';
import { scoreScenarios, type ScoredCase } from './score-scenarios.js';

function finding(category: Category, evidence: string[], fixes: string[]): Finding {
  return { category, severity: 'critical', title: category, rootCause: category, evidence: evidence.map((text) => ({ source: 'event', text })), fixes: fixes.map((description) => ({ description })), detectors: ['t'], patterns: [] };
}

function scored(id: string, expected: Category, got: Category, findings: Finding[] = [], want: { evidence?: string[]; fix?: string[] } = {}): ScoredCase {
  const diagnosis: Diagnosis = { apiVersion: 'k8sdiag/v1', kind: 'Diagnosis', target: { kind: 'Pod', namespace: 'n', name: id }, status: got === 'healthy' ? 'healthy' : 'failing', category: got, confidence: 0.9, summary: '', findings, references: [], llm: null };
  return { id, diagnosis, label: scenarioLabelSchema.parse({ category: expected, notes: 'n', ...want }) };
}

describe('scoreScenarios', () => {
  const cases = [
    scored('oom-1', 'oom-killed', 'oom-killed'),
    scored('oom-2', 'oom-killed', 'app-crash'),
    scored('crash-1', 'app-crash', 'app-crash'),
    scored('ok-1', 'healthy', 'healthy'),
    scored('ok-2', 'healthy', 'app-crash'),
  ];
  const score = scoreScenarios(cases);

  it('computes accuracy and per-category precision and recall', () => {
    expect(score.accuracy).toBeCloseTo(3 / 5);
    const crash = score.perCategory.find((c) => c.category === 'app-crash');
    expect(crash).toMatchObject({ n: 1, truePositives: 1, falsePositives: 2, falseNegatives: 0 });
    expect(crash?.precision).toBeCloseTo(1 / 3);
    expect(crash?.recall).toBe(1);
    const oom = score.perCategory.find((c) => c.category === 'oom-killed');
    expect(oom?.precision).toBe(1);
    expect(oom?.recall).toBe(0.5);
  });

  it('lists only categories that occur and leaves precision empty when a category was never answered', () => {
    expect(score.perCategory.map((c) => c.category)).toEqual(['healthy', 'oom-killed', 'app-crash']);
    const only = scoreScenarios([scored('x', 'pvc-unbound', 'unknown')]);
    expect(only.perCategory.find((c) => c.category === 'pvc-unbound')?.precision).toBeNull();
    expect(only.perCategory.find((c) => c.category === 'unknown')?.recall).toBeNull();
  });

  it('groups confusions by expected → got pair, most frequent first', () => {
    const more = scoreScenarios([...cases, scored('oom-3', 'oom-killed', 'app-crash')]);
    expect(more.confusions[0]).toEqual({ expected: 'oom-killed', got: 'app-crash', ids: ['oom-2', 'oom-3'] });
    expect(more.confusions).toContainEqual({ expected: 'healthy', got: 'app-crash', ids: ['ok-2'] });
  });

  it('counts a healthy target diagnosed as anything else as a false alarm', () => {
    expect(score.falseAlarms).toEqual([{ id: 'ok-2', got: 'app-crash' }]);
    expect(score.healthyChecked).toBe(2);
  });

  it('matches evidence and fix substrings case-insensitively, only in findings of the answered category', () => {
    const hit = scored('a', 'oom-killed', 'oom-killed', [finding('oom-killed', ['Last State: Terminated, Reason: OOMKilled'], ['Raise the memory limit from 512Mi'])], { evidence: ['oomkilled'], fix: ['512mi', 'memory'] });
    const elsewhere = scored('b', 'oom-killed', 'app-crash', [finding('app-crash', ['exit 1'], ['read logs']), finding('oom-killed', ['OOMKilled'], ['memory'])], { evidence: ['OOMKilled'], fix: ['memory'] });
    const partial = scored('c', 'oom-killed', 'oom-killed', [finding('oom-killed', ['OOMKilled'], ['increase it'])], { evidence: ['OOMKilled'], fix: ['memory', 'limit'] });
    const result = scoreScenarios([hit, elsewhere, partial, scored('d', 'healthy', 'healthy')]);
    expect(result.evidence).toMatchObject({ checked: 3, hits: 2 });
    expect(result.evidence.misses).toEqual([{ id: 'b', missing: ['OOMKilled'] }]);
    expect(result.fix.rate).toBeCloseTo(1 / 3);
    expect(result.fix.misses).toContainEqual({ id: 'c', missing: ['memory', 'limit'] });
  });

  it('reports no rate rather than 0% or 100% when nothing was checked', () => {
    expect(scoreScenarios([scored('ok', 'healthy', 'healthy')]).evidence.rate).toBeNull();
    expect(scoreScenarios([]).accuracy).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { BenchReport, TechniqueReport } from './bench-report.js';
import { compareReports, renderComparison } from './compare-bench.js';
import type { TechniqueMetrics } from './metrics.js';
import { renderBenchHtml } from './render-bench-html.js';
import { renderBenchMarkdown, renderBenchTable } from './render-bench-table.js';

function metrics(overrides: Partial<TechniqueMetrics> = {}): TechniqueMetrics {
  return {
    cases: 10, accuracy: 0.8, confusions: [], evidenceRecall: 0.7, fixHits: 0.5, retrievalRecallAtK: null, k: 5, falseAlarms: 1, healthyChecked: 3,
    brier: 0.12, ece: 0.08, latencyP50Ms: 12, latencyP95Ms: 40, tokensIn: 0, tokensOut: 0, costUsd: 0, routes: {}, errors: 0, spread: null,
    perCategory: [{ category: 'oom-killed', n: 4, correct: 4, accuracy: 1 }, { category: 'app-crash', n: 3, correct: 1, accuracy: 1 / 3 }, { category: 'healthy', n: 3, correct: 3, accuracy: 1 }],
    ...overrides,
  };
}
const technique = (id: TechniqueReport['technique'], m: TechniqueMetrics | null, notRun: string | null = null): TechniqueReport => ({
  technique: id, description: '', provider: m && m.tokensIn > 0 ? 'openai' : null, model: m && m.tokensIn > 0 ? 'gpt-4o-mini' : null, notRun, repeats: 1, metrics: m,
});
function report(techniques: TechniqueReport[]): BenchReport {
  return { apiVersion: 'k8sdiag/v1', kind: 'BenchReport', scenarios: { dir: 'fixtures/scenarios', count: 10, categories: 3 }, llm: { provider: null, model: null, route: 'auto' }, techniques, resumedCases: 0 };
}

const current = report([
  technique('rules', metrics()),
  technique('rag', metrics({ accuracy: 0.9, retrievalRecallAtK: 0.75, latencyP50Ms: 30, latencyP95Ms: 90 })),
  technique('few-shot', metrics({ accuracy: 0.95, tokensIn: 9000, tokensOut: 2000, costUsd: 0.0031, latencyP50Ms: 1500, latencyP95Ms: 4200, routes: { simple: 8, reasoning: 2 } })),
  technique('zero-shot', null, 'not run: no provider'),
]);

describe('HTML report', () => {
  const html = renderBenchHtml(current);

  it('is one self-contained page with the four charts', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg\b/g)).toHaveLength(4);
    expect(html.match(/<\/svg>/g)).toHaveLength(4);
    for (const title of ['Category accuracy by technique', 'Latency per case (p50, p95)', 'Cost vs accuracy', 'Accuracy per category']) {
      expect(html).toContain(`aria-label="${title}"`);
    }
    // No scripts, stylesheets or images from anywhere else.
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('draws one bar per technique that ran, labelled with its accuracy', () => {
    const accuracyChart = /<svg[^>]*aria-label="Category accuracy by technique"[^]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(accuracyChart.match(/<rect /g)).toHaveLength(3);
    expect(accuracyChart).toContain('>95.0%<');
    const heat = /<svg[^>]*aria-label="Accuracy per category"[^]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(heat.match(/<rect /g)).toHaveLength(9);
    expect(heat).toContain('app-crash / rules: 33%');
  });

  it('shows techniques that did not run with the reason', () => {
    expect(html).toContain('not run: no provider');
    expect(renderBenchTable(current)).toMatch(/^zero-shot\s+-\s+not run: no provider$/m);
  });

  it('escapes text from scenario dirs', () => {
    expect(renderBenchHtml({ ...current, scenarios: { ...current.scenarios, dir: '<x>&' } })).toContain('<code>&lt;x&gt;&amp;</code>');
  });
});

describe('--compare', () => {
  const previous = JSON.parse(JSON.stringify(report([
    technique('rules', metrics({ accuracy: 0.7, falseAlarms: 2 })),
    technique('rag', metrics({ accuracy: 0.95, retrievalRecallAtK: 0.75, latencyP50Ms: 30, latencyP95Ms: 90 })),
  ]))) as BenchReport;

  it('gives each metric’s change with its direction', () => {
    const deltas = compareReports(current, previous);
    const find = (t: string, metric: string) => deltas.find((d) => d.technique === t && d.metric === metric);
    expect(find('rules', 'accuracy')).toMatchObject({ before: 0.7, after: 0.8, verdict: 'better' });
    expect(find('rules', 'accuracy')?.delta).toBeCloseTo(0.1);
    expect(find('rules', 'false alarms')).toMatchObject({ before: 2, after: 1, verdict: 'better' });
    expect(find('rag', 'accuracy')).toMatchObject({ verdict: 'worse' });
    expect(find('rag', 'retrieval recall@k')).toMatchObject({ verdict: 'same' });
    expect(deltas.some((d) => d.technique === 'few-shot')).toBe(false);
    const text = renderComparison(deltas);
    expect(text).toMatch(/rules\s+accuracy\s+70\.0%\s+80\.0%\s+▲ better/);
    expect(text).toMatch(/rag\s+accuracy\s+95\.0%\s+90\.0%\s+▼ worse/);
    expect(renderBenchHtml(current, deltas)).toContain('<tr class="worse"><td>rag</td><td>accuracy</td>');
  });

  it('renders markdown with a per-category table', () => {
    const md = renderBenchMarkdown(current);
    expect(md).toMatch(/^\| app-crash \| 3 \| 33\.3% \| 33\.3% \| 33\.3% \|$/m);
    expect(md).toContain('- zero-shot: not run: no provider');
  });
});

describe('--compare noise', () => {
  it('treats small latency moves and metrics absent on both sides as unchanged', () => {
    const before = report([technique('rules', metrics({ latencyP50Ms: 100, latencyP95Ms: 100 }))]);
    const after = report([technique('rules', metrics({ latencyP50Ms: 105, latencyP95Ms: 150 }))]);
    const deltas = compareReports(after, before);
    expect(deltas.find((d) => d.metric === 'latency p50')?.verdict).toBe('same');
    expect(deltas.find((d) => d.metric === 'latency p95')?.verdict).toBe('worse');
    expect(deltas.find((d) => d.metric === 'retrieval recall@k')?.verdict).toBe('same');
  });
});

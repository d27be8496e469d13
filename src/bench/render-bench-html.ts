import type { BenchReport } from './bench-report.js';
import type { MetricDelta } from './compare-bench.js';
import { fixed, ms, pct, usd } from './format-metric.js';
import { barChart, escapeXml, groupedBarChart, heatMap, scatterChart } from './svg-charts.js';

/** One HTML file with inline CSS and SVG: it opens from a CI artefact with no network. */
export function renderBenchHtml(report: BenchReport, deltas: readonly MetricDelta[] = []): string {
  const ran = report.techniques.filter((t) => t.metrics);
  const metricsOf = (t: (typeof ran)[number]) => t.metrics ?? (undefined as never);
  const categories = [...new Set(ran.flatMap((t) => metricsOf(t).perCategory.map((c) => c.category)))];
  const charts = ran.length === 0
    ? ['<p>No technique ran.</p>']
    : [
        barChart('Category accuracy by technique', ran.map((t) => ({ label: t.technique, value: metricsOf(t).accuracy, text: pct(metricsOf(t).accuracy) + (metricsOf(t).spread ? ` ± ${pct(metricsOf(t).spread?.accuracy.stdev)}` : '') })), 1),
        groupedBarChart('Latency per case (p50, p95)', ran.map((t) => t.technique), [
          { name: 'p50', values: ran.map((t) => metricsOf(t).latencyP50Ms ?? 0) },
          { name: 'p95', values: ran.map((t) => metricsOf(t).latencyP95Ms ?? 0) },
        ], ms),
        scatterChart('Cost vs accuracy', ran.map((t) => ({ label: t.technique, x: metricsOf(t).costUsd ?? 0, y: metricsOf(t).accuracy })), { x: 'estimated cost (USD)', y: 'accuracy' }, { x: usd, y: pct }),
        heatMap('Accuracy per category', categories, ran.map((t) => t.technique), (i, j) => {
          const category = categories[i];
          const technique = ran[j];
          return technique ? metricsOf(technique).perCategory.find((c) => c.category === category)?.accuracy ?? null : null;
        }, (v) => `${Math.round(v * 100)}%`),
      ];
  const rows = report.techniques.map((t) => {
    const m = t.metrics;
    if (!m) return `<tr><td>${escapeXml(t.technique)}</td><td colspan="10" class="muted">${escapeXml(t.notRun ?? 'not run')}</td></tr>`;
    const cells = [
      t.technique + (t.repeats > 1 ? ` ×${t.repeats}` : ''),
      t.provider ? `${t.provider}:${t.model ?? 'default'}` : '-',
      pct(m.accuracy) + (m.spread ? ` ± ${pct(m.spread.accuracy.stdev)}` : ''),
      pct(m.evidenceRecall),
      pct(m.fixHits),
      m.retrievalRecallAtK === null ? '-' : `${pct(m.retrievalRecallAtK)} @${m.k}`,
      `${m.falseAlarms}/${m.healthyChecked}`,
      `${fixed(m.brier)} / ${fixed(m.ece)}`,
      `${ms(m.latencyP50Ms)} / ${ms(m.latencyP95Ms)}`,
      `${m.tokensIn} / ${m.tokensOut}`,
      usd(m.costUsd),
    ];
    return `<tr>${cells.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`;
  });
  const compare = deltas.length === 0 ? '' : `<h2>Change from the previous run</h2><table><tr><th>technique</th><th>metric</th><th>before</th><th>after</th><th>change</th></tr>${
    deltas.filter((d) => d.verdict !== 'same').map((d) => `<tr class="${d.verdict}"><td>${escapeXml(d.technique)}</td><td>${escapeXml(d.metric)}</td><td>${escapeXml(d.text.before)}</td><td>${escapeXml(d.text.after)}</td><td>${d.verdict}</td></tr>`).join('')}</table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>k8sdiag bench</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}.muted{color:#777;text-align:left}.better{background:#e6f4e6}.worse{background:#fbe7e7}svg{display:block;margin:1.5em 0}</style>
</head><body>
<h1>k8sdiag bench</h1>
<p>${report.scenarios.count} scenarios in ${report.scenarios.categories} categories from <code>${escapeXml(report.scenarios.dir)}</code>; LLM: ${escapeXml(report.llm.provider ? `${report.llm.provider}:${report.llm.model ?? 'default'} (route ${report.llm.route})` : 'none')}.</p>
<table><tr><th>technique</th><th>model</th><th>accuracy</th><th>evidence</th><th>fix</th><th>recall@k</th><th>false alarms</th><th>brier / ece</th><th>p50 / p95</th><th>tokens in / out</th><th>cost</th></tr>
${rows.join('\n')}
</table>
${charts.join('\n')}
${compare}
</body></html>
`;
}

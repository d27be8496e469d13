import type { BenchReport, TechniqueReport } from './bench-report.js';
import { count, fixed, ms, pct, usd } from './format-metric.js';

const HEADER = ['technique', 'model', 'accuracy', '±sd', 'evidence', 'fix', 'recall@k', 'false alarms', 'brier', 'ece', 'p50', 'p95', 'tokens in/out', 'cost', 'routes'];

function row(t: TechniqueReport): string[] {
  const m = t.metrics;
  const model = t.provider ? `${t.provider}:${t.model ?? 'default'}` : '-';
  if (!m) return [t.technique, model, t.notRun ?? 'not run', ...HEADER.slice(3).map(() => '')];
  const routes = Object.entries(m.routes).map(([route, n]) => `${route} ${n}`).join(', ') || '-';
  return [
    t.technique + (t.repeats > 1 ? ` ×${t.repeats}` : ''),
    model,
    pct(m.accuracy),
    m.spread ? pct(m.spread.accuracy.stdev) : '-',
    pct(m.evidenceRecall),
    pct(m.fixHits),
    m.retrievalRecallAtK === null ? '-' : `${pct(m.retrievalRecallAtK)} @${m.k}`,
    `${m.falseAlarms}/${m.healthyChecked}`,
    fixed(m.brier),
    fixed(m.ece),
    ms(m.latencyP50Ms),
    ms(m.latencyP95Ms),
    `${count(m.tokensIn)}/${count(m.tokensOut)}`,
    usd(m.costUsd),
    routes,
  ];
}

/** Things a reader must know to trust the numbers, e.g. a metric that could not be measured. */
export function benchNotes(report: BenchReport): string[] {
  const noReferences = report.techniques.filter((t) => t.metrics && t.metrics.retrievalRecallAtK === null && ['rag', 'hyde', 'rag+rerank'].includes(t.technique));
  const notes = noReferences.length > 0
    ? [`recall@k not measured for ${noReferences.map((t) => t.technique).join(', ')}: the pipeline returned no references`]
    : [];
  const errors = report.techniques.filter((t) => (t.metrics?.errors ?? 0) > 0);
  for (const t of errors) notes.push(`${t.technique}: ${t.metrics?.errors} case(s) failed and count as wrong`);
  for (const t of report.techniques) {
    if (!t.judge) continue;
    const unreadable = t.judge.unreadable > 0 ? `, ${t.judge.unreadable} unreadable verdict(s)` : '';
    notes.push(`judge ${t.judge.model} on ${t.technique}: ${t.judge.mean === null ? '-' : t.judge.mean.toFixed(2)}/5 over ${t.judge.judged} case(s)${unreadable}`);
  }
  return notes;
}

function notRunLine(t: TechniqueReport): string | undefined {
  return t.notRun ? `${t.technique}: ${t.notRun}` : undefined;
}

export function renderBenchTable(report: BenchReport): string {
  const rows = [HEADER, ...report.techniques.map(row)];
  const measured = [HEADER, ...report.techniques.filter((t) => !t.notRun).map(row)];
  const widths = HEADER.map((_, i) => Math.max(...measured.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r, index) => {
    // A not-run row spans the metric columns with its reason instead of blank cells.
    const technique = report.techniques[index - 1];
    if (technique?.notRun) return [r[0]?.padEnd(widths[0] ?? 0), r[1]?.padEnd(widths[1] ?? 0), technique.notRun].join('  ');
    return r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  });
  const footer = [
    `${report.scenarios.count} scenarios (${report.scenarios.categories} categories) from ${report.scenarios.dir}`,
    ...(report.resumedCases > 0 ? [`${report.resumedCases} cases taken from the resume file`] : []),
    ...benchNotes(report),
  ];
  return `${lines.join('\n')}\n\n${footer.join('\n')}\n`;
}

export function renderBenchMarkdown(report: BenchReport): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const ran = report.techniques.filter((t) => t.metrics);
  const categories = [...new Set(ran.flatMap((t) => t.metrics?.perCategory.map((c) => c.category) ?? []))];
  const out = [
    `# k8sdiag bench`,
    '',
    `${report.scenarios.count} scenarios (${report.scenarios.categories} categories) from \`${report.scenarios.dir}\`.`,
    '',
    line(HEADER),
    line(HEADER.map((_, i) => (i < 2 ? '---' : '---:'))),
    ...report.techniques.filter((t) => t.metrics).map((t) => line(row(t))),
    '',
    ...[...report.techniques.map(notRunLine), ...benchNotes(report)].filter((l): l is string => Boolean(l)).map((l) => `- ${l}`),
    '',
  ];
  if (ran.length > 0 && categories.length > 0) {
    out.push('## Accuracy per category', '', line(['category', 'n', ...ran.map((t) => t.technique)]), line(['---', '---:', ...ran.map(() => '---:')]));
    for (const category of categories) {
      const n = ran[0]?.metrics?.perCategory.find((c) => c.category === category)?.n ?? 0;
      out.push(line([category, String(n), ...ran.map((t) => pct(t.metrics?.perCategory.find((c) => c.category === category)?.accuracy))]));
    }
    out.push('');
  }
  return out.join('\n');
}

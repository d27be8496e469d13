import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { firstLineOf, InputError } from '../domain/errors.js';
import { formatFirstIssue } from '../domain/format-issues.js';
import type { BenchReport } from './bench-report.js';
import { fixed, ms, pct, usd } from './format-metric.js';

type Better = 'higher' | 'lower';
// Latency moves a little on every run; under 10% it is noise, not a change worth a line.
const LATENCY_NOISE = 0.1;
const COMPARED: { key: string; label: string; better: Better; format: (v: number | null) => string; relativeNoise?: number }[] = [
  { key: 'accuracy', label: 'accuracy', better: 'higher', format: pct },
  { key: 'evidenceRecall', label: 'evidence recall', better: 'higher', format: pct },
  { key: 'fixHits', label: 'fix hits', better: 'higher', format: pct },
  { key: 'retrievalRecallAtK', label: 'retrieval recall@k', better: 'higher', format: pct },
  { key: 'falseAlarms', label: 'false alarms', better: 'lower', format: (v) => (v === null ? '-' : String(v)) },
  { key: 'brier', label: 'brier', better: 'lower', format: (v) => fixed(v) },
  { key: 'ece', label: 'ece', better: 'lower', format: (v) => fixed(v) },
  { key: 'latencyP50Ms', label: 'latency p50', better: 'lower', format: ms, relativeNoise: LATENCY_NOISE },
  { key: 'latencyP95Ms', label: 'latency p95', better: 'lower', format: ms, relativeNoise: LATENCY_NOISE },
  { key: 'costUsd', label: 'cost', better: 'lower', format: usd },
];

export interface MetricDelta {
  technique: string;
  metric: string;
  before: number | null;
  after: number | null;
  delta: number | null;
  /** 'better' / 'worse' by the metric's direction; 'same' within noise or when neither side has it; 'n/a' when one side is missing. */
  verdict: 'better' | 'worse' | 'same' | 'n/a';
  text: { before: string; after: string };
}

const previousSchema = z.looseObject({
  kind: z.literal('BenchReport'),
  techniques: z.array(z.looseObject({ technique: z.string(), metrics: z.looseObject({}).nullable() })),
});

export async function readPreviousReport(file: string): Promise<PreviousReport> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new InputError(`${file}: cannot read a previous bench report (${firstLineOf(cause)}); write one with \`k8sdiag bench -o json > file\``, file, { cause });
  }
  const parsed = previousSchema.safeParse(json);
  if (!parsed.success) throw new InputError(`${file}: not a bench report: ${formatFirstIssue(parsed.error)}`, file);
  return parsed.data;
}

/** The part of an earlier report that comparing needs; a fresh BenchReport fits it too. */
export interface PreviousReport {
  techniques: readonly { technique: string; metrics: object | null }[];
}

/** Deltas for every technique present in both reports that ran both times. */
export function compareReports(current: BenchReport, previous: PreviousReport): MetricDelta[] {
  const deltas: MetricDelta[] = [];
  for (const now of current.techniques) {
    const before = previous.techniques.find((t) => t.technique === now.technique);
    if (!now.metrics || !before?.metrics) continue;
    const nowMetrics = now.metrics as unknown as Record<string, unknown>;
    for (const metric of COMPARED) {
      const a = numberOrNull((before.metrics as Record<string, unknown>)[metric.key]);
      const b = numberOrNull(nowMetrics[metric.key]);
      const delta = a === null || b === null ? null : b - a;
      const noise = Math.max(1e-9, (metric.relativeNoise ?? 0) * Math.abs(a ?? 0));
      const verdict = delta === null ? (a === null && b === null ? 'same' : 'n/a') : Math.abs(delta) < noise ? 'same' : (delta > 0) === (metric.better === 'higher') ? 'better' : 'worse';
      deltas.push({ technique: now.technique, metric: metric.label, before: a, after: b, delta, verdict, text: { before: metric.format(a), after: metric.format(b) } });
    }
  }
  return deltas;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function renderComparison(deltas: readonly MetricDelta[], markdown = false): string {
  const changed = deltas.filter((d) => d.verdict !== 'same');
  if (deltas.length === 0) return 'compare: no technique ran in both reports\n';
  const mark = { better: '▲ better', worse: '▼ worse', same: '= same', 'n/a': 'n/a' } as const;
  const rows = changed.map((d) => [d.technique, d.metric, d.text.before, d.text.after, mark[d.verdict]]);
  const header = ['technique', 'metric', 'before', 'after', 'change'];
  if (markdown) {
    const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
    return ['## Change from the previous run', '', line(header), line(header.map(() => '---')), ...rows.map(line), '', `${deltas.length - changed.length} metric(s) unchanged.`, ''].join('\n');
  }
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return `\nchange from the previous run:\n${all.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')}\n${deltas.length - changed.length} metric(s) unchanged\n`;
}

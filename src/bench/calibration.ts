/** Confidence calibration of the top answer: was the stated confidence the real hit rate? */
export interface Calibrated {
  confidence: number;
  correct: boolean;
}

/** Mean squared gap between confidence and 0/1 correctness; 0 is perfect, 0.25 is a coin at 0.5. */
export function brierScore(items: readonly Calibrated[]): number | null {
  if (items.length === 0) return null;
  return items.reduce((sum, i) => sum + (i.confidence - (i.correct ? 1 : 0)) ** 2, 0) / items.length;
}

/** Expected calibration error over equal-width confidence bins, weighted by bin size. */
export function expectedCalibrationError(items: readonly Calibrated[], bins = 10): number | null {
  if (items.length === 0) return null;
  const groups = Array.from({ length: bins }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (const item of items) {
    const index = Math.min(bins - 1, Math.floor(Math.max(0, Math.min(1, item.confidence)) * bins));
    const group = groups[index];
    if (!group) continue;
    group.n += 1;
    group.confidence += item.confidence;
    group.correct += item.correct ? 1 : 0;
  }
  return groups.reduce((sum, g) => (g.n === 0 ? sum : sum + (g.n / items.length) * Math.abs(g.correct / g.n - g.confidence / g.n)), 0);
}

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: p95 of 20 values is the 19th, an observed latency rather than an interpolation.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

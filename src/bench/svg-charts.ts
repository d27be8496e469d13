/** Tiny inline SVG charts for the self-contained HTML report: no scripts, no external assets. */

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const PALETTE = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00'];
const n = (value: number): string => (Math.round(value * 10) / 10).toString();

export interface Bar {
  label: string;
  value: number;
  /** Shown above the bar, e.g. "83.3%". */
  text: string;
}

/** Horizontal bars, one per label; `max` fixes the scale (1 for rates). */
export function barChart(title: string, bars: readonly Bar[], max?: number): string {
  const width = 640;
  const labelWidth = 150;
  const rowHeight = 26;
  const height = 40 + bars.length * rowHeight;
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1e-9);
  const body = bars.map((bar, i) => {
    const y = 30 + i * rowHeight;
    const w = ((width - labelWidth - 80) * Math.max(0, bar.value)) / top;
    return `<text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end">${escapeXml(bar.label)}</text>`
      + `<rect x="${labelWidth}" y="${y + 3}" width="${n(w)}" height="${rowHeight - 8}" fill="${PALETTE[i % PALETTE.length]}"><title>${escapeXml(`${bar.label}: ${bar.text}`)}</title></rect>`
      + `<text x="${n(labelWidth + w + 6)}" y="${y + 16}">${escapeXml(bar.text)}</text>`;
  });
  return svg(title, width, height, body.join(''));
}

export interface Series {
  name: string;
  values: readonly number[];
}

/** Vertical grouped bars: groups along x (techniques), one bar per series (p50, p95). */
export function groupedBarChart(title: string, groups: readonly string[], series: readonly Series[], format: (v: number) => string): string {
  const width = 640;
  const height = 260;
  const plotTop = 40;
  const plotBottom = height - 50;
  const groupWidth = (width - 60) / Math.max(1, groups.length);
  const barWidth = (groupWidth - 12) / Math.max(1, series.length);
  const top = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const bars = groups.flatMap((group, g) => series.map((s, i) => {
    const value = s.values[g] ?? 0;
    const h = ((plotBottom - plotTop) * value) / top;
    const x = 40 + g * groupWidth + 6 + i * barWidth;
    return `<rect x="${n(x)}" y="${n(plotBottom - h)}" width="${n(barWidth - 2)}" height="${n(h)}" fill="${PALETTE[i % PALETTE.length]}"><title>${escapeXml(`${group} ${s.name}: ${format(value)}`)}</title></rect>`;
  }));
  const labels = groups.map((group, g) => `<text x="${n(40 + g * groupWidth + groupWidth / 2)}" y="${plotBottom + 16}" text-anchor="middle">${escapeXml(group)}</text>`);
  const legend = series.map((s, i) => `<rect x="${40 + i * 90}" y="${height - 22}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${54 + i * 90}" y="${height - 13}">${escapeXml(s.name)}</text>`);
  const axis = `<line x1="40" y1="${plotBottom}" x2="${width - 20}" y2="${plotBottom}" stroke="#888"/><text x="36" y="${plotTop + 4}" text-anchor="end">${escapeXml(format(top))}</text>`;
  return svg(title, width, height, axis + bars.join('') + labels.join('') + legend.join(''));
}

export interface Point {
  label: string;
  x: number;
  y: number;
}

/** Scatter with labelled points; used for cost (x) vs accuracy (y). */
export function scatterChart(title: string, points: readonly Point[], axes: { x: string; y: string }, format: { x: (v: number) => string; y: (v: number) => string }): string {
  const width = 640;
  const height = 320;
  const left = 60;
  const right = width - 30;
  const top = 40;
  const bottom = height - 50;
  const maxX = Math.max(1e-9, ...points.map((p) => p.x));
  const maxY = Math.max(1e-9, 1, ...points.map((p) => p.y));
  const px = (x: number): number => left + ((right - left) * x) / maxX;
  const py = (y: number): number => bottom - ((bottom - top) * y) / maxY;
  const dots = points.map((p, i) => `<circle cx="${n(px(p.x))}" cy="${n(py(p.y))}" r="6" fill="${PALETTE[i % PALETTE.length]}"><title>${escapeXml(`${p.label}: ${format.x(p.x)}, ${format.y(p.y)}`)}</title></circle>`
    + `<text x="${n(px(p.x) + 9)}" y="${n(py(p.y) + 4)}">${escapeXml(p.label)}</text>`);
  const axes2 = `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#888"/><line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#888"/>`
    + `<text x="${(left + right) / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(axes.x)} (max ${escapeXml(format.x(maxX))})</text>`
    + `<text x="14" y="${(top + bottom) / 2}" transform="rotate(-90 14 ${(top + bottom) / 2})" text-anchor="middle">${escapeXml(axes.y)}</text>`;
  return svg(title, width, height, axes2 + dots.join(''));
}

/** Rows × columns of cells shaded by a 0..1 value; null cells are grey with "-". */
export function heatMap(title: string, rows: readonly string[], columns: readonly string[], value: (row: number, column: number) => number | null, format: (v: number) => string): string {
  const cell = 56;
  const labelWidth = 190;
  const headerHeight = 90;
  const width = labelWidth + columns.length * cell + 20;
  const height = headerHeight + rows.length * 24 + 20;
  const header = columns.map((c, j) => {
    const x = labelWidth + j * cell + cell / 2;
    return `<text x="${x}" y="${headerHeight - 8}" transform="rotate(-35 ${x} ${headerHeight - 8})">${escapeXml(c)}</text>`;
  });
  const cells = rows.flatMap((r, i) => [
    `<text x="${labelWidth - 6}" y="${headerHeight + i * 24 + 16}" text-anchor="end">${escapeXml(r)}</text>`,
    ...columns.map((c, j) => {
      const v = value(i, j);
      const fill = v === null ? '#eee' : `hsl(${Math.round(120 * v)}, 65%, ${Math.round(82 - 30 * v)}%)`;
      const x = labelWidth + j * cell;
      const y = headerHeight + i * 24;
      return `<rect x="${x}" y="${y}" width="${cell - 2}" height="22" fill="${fill}"><title>${escapeXml(`${r} / ${c}: ${v === null ? 'n/a' : format(v)}`)}</title></rect>`
        + `<text x="${x + cell / 2 - 1}" y="${y + 15}" text-anchor="middle">${v === null ? '-' : escapeXml(format(v))}</text>`;
    }),
  ]);
  return svg(title, width, height, header.join('') + cells.join(''));
}

function svg(title: string, width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`
    + `<title>${escapeXml(title)}</title><text x="8" y="18" font-weight="bold" font-size="14">${escapeXml(title)}</text>${body}</svg>`;
}

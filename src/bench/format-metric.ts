/** Shared number formatting for the table, markdown and HTML views. */
export const pct = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : `${(value * 100).toFixed(1)}%`);
export const fixed = (value: number | null | undefined, digits = 3): string => (value === null || value === undefined ? '-' : value.toFixed(digits));
export const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '-' : value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${Math.round(value)}ms`);
export const usd = (value: number | null | undefined): string => (value === null || value === undefined ? '?' : value === 0 ? '$0' : `$${value < 0.01 ? value.toFixed(5) : value.toFixed(3)}`);
export const count = (value: number): string => (value >= 10_000 ? `${(value / 1000).toFixed(1)}k` : String(value));

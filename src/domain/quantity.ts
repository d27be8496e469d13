/** Kubernetes resource.Quantity parsing: `512Mi`, `1G`, `250m`, `1.5`, `2e3`. Returns NaN when unparseable. */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function parseQuantity(quantity: string | number | undefined | null): number {
  if (quantity === undefined || quantity === null) return Number.NaN;
  if (typeof quantity === 'number') return quantity;
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(quantity.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  const suffix = match[2] ?? '';
  const multiplier = BINARY[suffix] ?? DECIMAL[suffix];
  return multiplier === undefined ? Number.NaN : value * multiplier;
}

/** Bytes as the largest binary unit that keeps it readable: 536870912 → `512Mi`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units: [string, number][] = [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : Math.ceil(value)}${unit}`;
    }
  }
  return String(bytes);
}

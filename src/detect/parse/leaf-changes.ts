/**
 * The leaves that differ between two JSON values, as readable lines:
 * `limits.memory: 1536Mi → 768Mi`, `env FEATURE_FLAGS_URL: added (configMapKeyRef settings/flags_url)`.
 * Arrays of objects with a `name` (env, ports, volumeMounts) are matched by name, not by position,
 * so inserting one env var reads as one addition, not as every later entry changing.
 */
export function leafChanges(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return [];
  if (isNamedList(before) || isNamedList(after)) return namedListChanges(asList(before), asList(after), path);
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => leafChanges(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (before === undefined || before === null) return [`${path}: added ${show(after)}`];
  if (after === undefined || after === null) return [`${path}: removed (was ${show(before)})`];
  return [`${path}: ${show(before)} → ${show(after)}`];
}

type Named = { name: string } & Record<string, unknown>;

function namedListChanges(before: Named[], after: Named[], path: string): string[] {
  const label = (name: string) => `${path} ${name}`.trim();
  const lines: string[] = [];
  for (const item of after) {
    const old = before.find((b) => b.name === item.name);
    if (!old) lines.push(`${label(item.name)}: added ${show(withoutName(item))}`);
    else lines.push(...leafChanges(withoutName(old), withoutName(item), label(item.name)));
  }
  for (const item of before) if (!after.some((a) => a.name === item.name)) lines.push(`${label(item.name)}: removed`);
  return lines;
}

function show(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function withoutName(item: Named): Record<string, unknown> {
  const { name: _name, ...rest } = item;
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamedList(value: unknown): value is Named[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => isRecord(v) && typeof v.name === 'string');
}

function asList(value: unknown): Named[] {
  return isNamedList(value) ? value : [];
}

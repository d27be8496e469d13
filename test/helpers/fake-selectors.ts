/** The API server's selector grammar, for the fake apiserver: `a=b,c!=d`, `env in (x,y)`, `!k`. */

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function valueAt(object: unknown, path: string): string | undefined {
  const value = path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], object);
  return value === undefined || value === null ? undefined : String(value);
}

export function matchesFieldSelector(object: unknown, selector: string | null): boolean {
  if (!selector) return true;
  return splitTopLevel(selector).every((term) => {
    const match = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (!match) throw new Error(`bad field selector term ${term}`);
    const [, path, op, expected] = match as unknown as [string, string, string, string];
    const actual = valueAt(object, path) ?? '';
    return op === '!=' ? actual !== expected : actual === expected;
  });
}

export function matchesLabelSelector(labels: Record<string, string> | undefined, selector: string | null): boolean {
  if (!selector) return true;
  const have = labels ?? {};
  return splitTopLevel(selector).every((term) => {
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (set) {
      const [, key, op, list] = set as unknown as [string, string, string, string];
      const values = list.split(',').map((v) => v.trim());
      const value = have[key];
      return op === 'in' ? value !== undefined && values.includes(value) : value === undefined || !values.includes(value);
    }
    if (term.startsWith('!')) return have[term.slice(1)] === undefined;
    const eq = /^([^!=]+)(==|=|!=)(.*)$/.exec(term);
    if (!eq) return have[term] !== undefined;
    const [, key, op, value] = eq as unknown as [string, string, string, string];
    return op === '!=' ? have[key] !== value : have[key] === value;
  });
}

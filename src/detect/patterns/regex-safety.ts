/**
 * Rejects pattern regexes that can backtrack catastrophically on untrusted log lines.
 * JavaScript's engine backtracks, so `(\w+\s?)+` against a long line of words can hang the
 * run; we refuse nested unbounded quantifiers and backreferences at load instead.
 * Returns the reason a regex is unsafe, or undefined when it is fine.
 */
export function findUnsafeRegex(source: string): string | undefined {
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed (they are not linear-time)';
  // One frame per open group: does it contain an unbounded quantifier?
  const groups: boolean[] = [];
  let inClass = false;
  let i = 0;
  let lastClosedGroupHadUnbounded = false;
  while (i < source.length) {
    const char = source[i];
    if (char === '\\') {
      i += 2;
      lastClosedGroupHadUnbounded = false;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      i++;
      continue;
    }
    if (char === '[') {
      inClass = true;
      lastClosedGroupHadUnbounded = false;
      i++;
      continue;
    }
    if (char === '(') {
      groups.push(false);
      lastClosedGroupHadUnbounded = false;
      i++;
      continue;
    }
    if (char === ')') {
      lastClosedGroupHadUnbounded = groups.pop() ?? false;
      i++;
      const quantifier = readQuantifier(source, i);
      if (quantifier) {
        if (quantifier.unbounded && lastClosedGroupHadUnbounded) {
          return `nested unbounded quantifier near position ${i}: a repeated group must not itself contain + or *`;
        }
        if (quantifier.unbounded && groups.length > 0) groups[groups.length - 1] = true;
        i += quantifier.length;
      } else if (lastClosedGroupHadUnbounded && groups.length > 0) {
        groups[groups.length - 1] = true;
      }
      continue;
    }
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (quantifier.unbounded && groups.length > 0) groups[groups.length - 1] = true;
      i += quantifier.length;
      continue;
    }
    lastClosedGroupHadUnbounded = false;
    i++;
  }
  return undefined;
}

function readQuantifier(source: string, at: number): { unbounded: boolean; length: number } | undefined {
  const char = source[at];
  const lazy = (offset: number): number => (source[at + offset] === '?' ? 1 : 0);
  if (char === '*' || char === '+') return { unbounded: true, length: 1 + lazy(1) };
  if (char === '?') return { unbounded: false, length: 1 + lazy(1) };
  if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at, at + 16));
    if (!match) return undefined;
    const unbounded = match[2] !== undefined && match[3] === '';
    return { unbounded, length: match[0].length + lazy(match[0].length) };
  }
  return undefined;
}

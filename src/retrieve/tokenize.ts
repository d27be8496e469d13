/** Words too common in English and in these docs to say anything about a topic. */
const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could do does did for from has have how i if in into is it its ' +
    'me my no not of on or our so such that the their then there these they this to was we were what when ' +
    'where which while who why will with would you your should after before about also than them may might ' +
    'get got keep keeps kept just'
  ).split(' '),
);

/** Light suffix stripping so `pulling`/`pulled`/`pulls` meet; not a full stemmer, and deterministic. */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length);
      if (suffix === 's' && base.endsWith('s')) return word;
      return base.length > 3 && base.at(-1) === base.at(-2) ? base.slice(0, -1) : base;
    }
  }
  return word;
}

/**
 * Lowercased terms of a text: camelCase and identifiers like `CrashLoopBackOff` give both the
 * whole word and its parts, since users type either.
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const raw of text.match(/[A-Za-z0-9][A-Za-z0-9_.:/-]*/g) ?? []) {
    const word = raw.replace(/[.:/-]+$/, '');
    const parts = word.split(/[_.:/-]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
    const whole = word.toLowerCase();
    if (parts.length > 1 && whole.length <= 40 && !STOPWORDS.has(whole)) terms.push(stem(whole));
    for (const part of parts) {
      const lower = part.toLowerCase();
      if (lower.length < 2 || STOPWORDS.has(lower)) continue;
      terms.push(stem(lower));
    }
  }
  return terms;
}

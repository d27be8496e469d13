import { analyzeQuery } from './analyze-query.js';
import { ERROR_SIGNALS } from './error-signals.js';

/**
 * Where the hypothetical answer comes from: a fixed text (the matched pattern's cause and fix),
 * or a callback (an LLM asked to answer the question in a paragraph).
 */
export type HydeSource = string | ((question: string) => Promise<string>);

export interface HypotheticalDocument {
  text: string;
  origin: 'llm' | 'pattern' | 'signals' | 'none';
}

/**
 * HyDE: search with what an answer would look like rather than with the question. Without an LLM
 * or pattern text, the stand-in answers of the categories the question points at are used, which
 * makes it a vocabulary expansion rather than true HyDE; `origin` says which one happened.
 */
export async function hypotheticalDocument(question: string, source?: HydeSource): Promise<HypotheticalDocument> {
  if (typeof source === 'string' && source.trim()) return { text: `${question}\n${source.trim()}`, origin: 'pattern' };
  if (typeof source === 'function') {
    try {
      const answer = (await source(question)).trim();
      if (answer) return { text: `${question}\n${answer}`, origin: 'llm' };
    } catch {
      // An LLM that fails must not lose the search; fall through to the offline stand-in.
    }
  }
  const categories = analyzeQuery(question).categories.slice(0, 2);
  const answers = categories.map((category) => ERROR_SIGNALS.find((s) => s.category === category)?.answer).filter((a): a is string => !!a);
  return answers.length > 0 ? { text: `${question}\n${answers.join('\n')}`, origin: 'signals' } : { text: question, origin: 'none' };
}

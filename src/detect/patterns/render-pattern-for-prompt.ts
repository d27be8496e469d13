import type { CompiledPattern, PatternLibrary } from './compiled-pattern.js';
import { findPattern } from './compiled-pattern.js';

/** Prompts quote at most this many patterns, so context stays small and on topic. */
export const MAX_PATTERNS_PER_PROMPT = 2;

const DEFAULT_MAX_CHARS = 1800;

export interface RenderPatternOptions {
  /** The cause the snapshot matched: listed first and marked. */
  causeId?: string | null;
  maxChars?: number;
}

/**
 * Compact plain text of a pattern for an LLM prompt: what it is, what to check, the causes
 * with their fixes. Placeholders stay as `{pod}` etc.; the prompt carries the real names.
 */
export function renderPatternForPrompt(pattern: CompiledPattern, options: RenderPatternOptions = {}): string {
  const causes = [...pattern.causes].sort((a, b) => Number(b.id === options.causeId) - Number(a.id === options.causeId));
  const lines = [
    `Pattern ${pattern.id}: ${pattern.name}`,
    oneLine(pattern.description),
    `Symptoms: ${pattern.symptoms.join('; ')}`,
    'Check:',
    ...pattern.investigation.map((step) => `- ${step.look}: ${step.lookFor}${step.command ? ` [${step.command}]` : ''}`),
    'Causes:',
    ...causes.map((cause) => {
      const mark = cause.id === options.causeId ? ' (matched here)' : '';
      const command = cause.fix.command ? ` [${cause.fix.command}]` : '';
      return `- ${cause.category}${mark}: ${oneLine(cause.description)} Fix: ${oneLine(cause.fix.description)}${command}`;
    }),
  ];
  return truncate(lines.join('\n'), options.maxChars ?? DEFAULT_MAX_CHARS);
}

/** The first MAX_PATTERNS_PER_PROMPT known ids, rendered and separated by blank lines. */
export function renderPatternsForPrompt(library: PatternLibrary, picks: readonly { patternId: string; causeId?: string | null }[]): string {
  const seen = new Set<string>();
  const blocks: string[] = [];
  for (const pick of picks) {
    if (blocks.length >= MAX_PATTERNS_PER_PROMPT) break;
    const pattern = findPattern(library, pick.patternId);
    if (!pattern || seen.has(pattern.id)) continue;
    seen.add(pattern.id);
    blocks.push(renderPatternForPrompt(pattern, { causeId: pick.causeId ?? null }));
  }
  return blocks.join('\n\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.lastIndexOf('\n', maxChars - 4);
  return `${text.slice(0, cut > 0 ? cut : maxChars - 4)}\n...`;
}

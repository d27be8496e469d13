import { formatFirstIssue } from '../domain/format-issues.js';
import { llmAnswerSchema, type LlmAnswer } from './llm-answer-schema.js';

export type ParsedAnswer = { ok: true; answer: LlmAnswer } | { ok: false; error: string };

/** The JSON object in a model reply: inside a ```json fence if there is one, else the outermost braces. */
function extractJson(text: string): string | undefined {
  const fence = /```(?:json)?[^\n]*\n([\s\S]*?)```/.exec(text);
  const body = fence?.[1] ?? text;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  return start === -1 || end <= start ? undefined : body.slice(start, end + 1);
}

/**
 * Model output → a validated answer, or the reason it is not one (sent back once for repair).
 * The JSON.parse result is never used before zod has checked it.
 */
export function parseDiagnosis(reply: { text: string; object?: unknown }): ParsedAnswer {
  let candidate: unknown = reply.object;
  if (candidate === undefined) {
    const json = extractJson(reply.text);
    if (json === undefined) return { ok: false, error: 'the reply contained no JSON object' };
    try {
      candidate = JSON.parse(json) as unknown;
    } catch (error) {
      return { ok: false, error: `the reply is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  const parsed = llmAnswerSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, error: `the JSON does not match the schema: ${formatFirstIssue(parsed.error)}` };
  return { ok: true, answer: parsed.data };
}

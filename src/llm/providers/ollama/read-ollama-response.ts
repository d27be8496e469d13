/** Fields of an /api/chat response (one object, or the NDJSON lines of a stream) that we use. */
export interface OllamaAnswer {
  text: string;
  thinking: string;
  doneReason: string | undefined;
  usage: { input: number; output: number };
}

interface LooseChatResponse {
  message?: { content?: unknown; thinking?: unknown };
  done?: unknown;
  done_reason?: unknown;
  prompt_eval_count?: unknown;
  eval_count?: unknown;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

export function createOllamaAccumulator(onText?: (delta: string) => void): { add(part: unknown): void; result(): OllamaAnswer } {
  const answer: OllamaAnswer = { text: '', thinking: '', doneReason: undefined, usage: { input: 0, output: 0 } };
  return {
    add(raw) {
      const part = raw as LooseChatResponse;
      const text = str(part.message?.content);
      if (text) {
        answer.text += text;
        onText?.(text);
      }
      answer.thinking += str(part.message?.thinking);
      if (part.done === true) {
        answer.doneReason = str(part.done_reason) || undefined;
        answer.usage = { input: num(part.prompt_eval_count), output: num(part.eval_count) };
      }
    },
    result: () => answer,
  };
}

/**
 * The parts of a chat completion (or of its stream) we use. OpenAI-compatible servers
 * (vLLM, DeepSeek, LM Studio) add `reasoning_content` / `reasoning`; OpenAI itself does not.
 */
export interface OpenAiAnswer {
  text: string;
  reasoning: string;
  refusal: string;
  finishReason: string | null;
  usage: { input: number; output: number };
}

interface LooseMessage {
  content?: unknown;
  refusal?: unknown;
  reasoning_content?: unknown;
  reasoning?: unknown;
}

interface LooseChoice {
  message?: LooseMessage;
  delta?: LooseMessage;
  finish_reason?: unknown;
}

interface LooseCompletion {
  choices?: LooseChoice[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } | null;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

export function readOpenAiCompletion(completion: unknown): OpenAiAnswer {
  const body = completion as LooseCompletion;
  const choice = body.choices?.[0];
  const message = choice?.message ?? {};
  return {
    text: str(message.content),
    reasoning: str(message.reasoning_content) || str(message.reasoning),
    refusal: str(message.refusal),
    finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : null,
    usage: { input: num(body.usage?.prompt_tokens), output: num(body.usage?.completion_tokens) },
  };
}

/** Folds `chat.completion.chunk`s; usage arrives in a last chunk with no choices (stream_options.include_usage). */
export function createOpenAiStreamAccumulator(onText?: (delta: string) => void): { add(chunk: unknown): void; result(): OpenAiAnswer } {
  const answer: OpenAiAnswer = { text: '', reasoning: '', refusal: '', finishReason: null, usage: { input: 0, output: 0 } };
  return {
    add(chunk) {
      const body = chunk as LooseCompletion;
      const choice = body.choices?.[0];
      const delta = choice?.delta ?? {};
      const text = str(delta.content);
      if (text) {
        answer.text += text;
        onText?.(text);
      }
      answer.reasoning += str(delta.reasoning_content) || str(delta.reasoning);
      answer.refusal += str(delta.refusal);
      if (typeof choice?.finish_reason === 'string') answer.finishReason = choice.finish_reason;
      if (body.usage) answer.usage = { input: num(body.usage.prompt_tokens), output: num(body.usage.completion_tokens) };
    },
    result: () => answer,
  };
}

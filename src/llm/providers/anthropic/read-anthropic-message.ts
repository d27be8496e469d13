/** The parts of a Message (or of its event stream) we use: text, thinking, the tool's input. */
export interface AnthropicAnswer {
  text: string;
  thinking: string;
  toolInput: unknown;
  /** Raw JSON of a streamed tool input; parsed by the caller through zod, never trusted as is. */
  toolInputJson: string;
  stopReason: string | null;
  usage: { input: number; output: number };
}

interface LooseBlock {
  type?: unknown;
  text?: unknown;
  thinking?: unknown;
  input?: unknown;
  partial_json?: unknown;
}

interface LooseEvent {
  type?: unknown;
  index?: unknown;
  message?: { usage?: LooseUsage; stop_reason?: unknown };
  content_block?: LooseBlock;
  delta?: LooseBlock & { stop_reason?: unknown };
  usage?: LooseUsage;
}

interface LooseUsage {
  input_tokens?: unknown;
  output_tokens?: unknown;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

function emptyAnswer(): AnthropicAnswer {
  return { text: '', thinking: '', toolInput: undefined, toolInputJson: '', stopReason: null, usage: { input: 0, output: 0 } };
}

export function readAnthropicMessage(message: unknown): AnthropicAnswer {
  const body = message as { content?: LooseBlock[]; stop_reason?: unknown; usage?: LooseUsage };
  const answer = emptyAnswer();
  for (const block of body.content ?? []) {
    if (block.type === 'text') answer.text += str(block.text);
    else if (block.type === 'thinking') answer.thinking += str(block.thinking);
    else if (block.type === 'tool_use' && answer.toolInput === undefined) answer.toolInput = block.input;
  }
  answer.stopReason = typeof body.stop_reason === 'string' ? body.stop_reason : null;
  answer.usage = { input: num(body.usage?.input_tokens), output: num(body.usage?.output_tokens) };
  return answer;
}

/** Folds message_start / content_block_* / message_delta events. */
export function createAnthropicStreamAccumulator(onText?: (delta: string) => void): { add(event: unknown): void; result(): AnthropicAnswer } {
  const answer = emptyAnswer();
  return {
    add(raw) {
      const event = raw as LooseEvent;
      if (event.type === 'message_start') {
        answer.usage.input = num(event.message?.usage?.input_tokens);
        answer.usage.output = num(event.message?.usage?.output_tokens);
      } else if (event.type === 'content_block_delta' && event.delta) {
        const delta = event.delta;
        if (delta.type === 'text_delta') {
          answer.text += str(delta.text);
          if (str(delta.text)) onText?.(str(delta.text));
        } else if (delta.type === 'thinking_delta') answer.thinking += str(delta.thinking);
        else if (delta.type === 'input_json_delta') answer.toolInputJson += str(delta.partial_json);
      } else if (event.type === 'message_delta') {
        if (typeof event.delta?.stop_reason === 'string') answer.stopReason = event.delta.stop_reason;
        // message_delta usage is cumulative output; input may be restated by newer APIs.
        if (event.usage?.output_tokens !== undefined) answer.usage.output = num(event.usage.output_tokens);
        if (typeof event.usage?.input_tokens === 'number') answer.usage.input = event.usage.input_tokens;
      }
    },
    result: () => answer,
  };
}

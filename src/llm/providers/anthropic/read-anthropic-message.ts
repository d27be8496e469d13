import type { AnthropicBlock } from './convert-to-anthropic-messages.js';

/** The parts of a Message (or of its event stream) we use: text, thinking, the tool's input, the blocks. */
export interface AnthropicAnswer {
  text: string;
  thinking: string;
  toolInput: unknown;
  /** Raw JSON of a streamed tool input; parsed by the caller through zod, never trusted as is. */
  toolInputJson: string;
  stopReason: string | null;
  usage: { input: number; output: number };
  /** The content blocks as returned (thinking signatures intact), for sending the turn back. */
  content: AnthropicBlock[];
}

interface LooseBlock {
  type?: unknown;
  text?: unknown;
  thinking?: unknown;
  signature?: unknown;
  input?: unknown;
  partial_json?: unknown;
}

interface LooseEvent {
  type?: unknown;
  index?: unknown;
  message?: { usage?: LooseUsage; stop_reason?: unknown };
  content_block?: LooseBlock & Record<string, unknown>;
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
  return { text: '', thinking: '', toolInput: undefined, toolInputJson: '', stopReason: null, usage: { input: 0, output: 0 }, content: [] };
}

export function readAnthropicMessage(message: unknown): AnthropicAnswer {
  const body = message as { content?: unknown; stop_reason?: unknown; usage?: LooseUsage };
  const answer = emptyAnswer();
  // A Message may come back with no content at all (or null from a lax proxy): that is an empty answer.
  const content = Array.isArray(body.content) ? (body.content as (LooseBlock & AnthropicBlock)[]) : [];
  for (const block of content) {
    if (block.type === 'text') answer.text += str(block.text);
    else if (block.type === 'thinking') answer.thinking += str(block.thinking);
    else if (block.type === 'tool_use' && answer.toolInput === undefined) answer.toolInput = block.input;
  }
  answer.content = content.filter((b) => typeof b === 'object' && b !== null && typeof b.type === 'string');
  answer.stopReason = typeof body.stop_reason === 'string' ? body.stop_reason : null;
  answer.usage = { input: num(body.usage?.input_tokens), output: num(body.usage?.output_tokens) };
  return answer;
}

/** Folds message_start / content_block_* / message_delta events; ping and unknown events are ignored. */
export function createAnthropicStreamAccumulator(onText?: (delta: string) => void): { add(event: unknown): void; result(): AnthropicAnswer } {
  const answer = emptyAnswer();
  const partialJson = new Map<number, string>();
  return {
    add(raw) {
      const event = raw as LooseEvent;
      const index = typeof event.index === 'number' ? event.index : -1;
      const block = answer.content[index];
      if (event.type === 'message_start') {
        answer.usage.input = num(event.message?.usage?.input_tokens);
        answer.usage.output = num(event.message?.usage?.output_tokens);
      } else if (event.type === 'content_block_start' && event.content_block && typeof event.content_block.type === 'string') {
        answer.content[index] = { ...event.content_block, type: event.content_block.type };
      } else if (event.type === 'content_block_delta' && event.delta) {
        const delta = event.delta;
        if (delta.type === 'text_delta') {
          answer.text += str(delta.text);
          if (block) block.text = str(block.text) + str(delta.text);
          if (str(delta.text)) onText?.(str(delta.text));
        } else if (delta.type === 'thinking_delta') {
          answer.thinking += str(delta.thinking);
          if (block) block.thinking = str(block.thinking) + str(delta.thinking);
        } else if (delta.type === 'signature_delta' && block) block.signature = str(delta.signature);
        else if (delta.type === 'input_json_delta') {
          answer.toolInputJson += str(delta.partial_json);
          partialJson.set(index, (partialJson.get(index) ?? '') + str(delta.partial_json));
        }
      } else if (event.type === 'content_block_stop' && block?.type === 'tool_use') {
        try {
          block.input = JSON.parse(partialJson.get(index) || '{}') as unknown;
        } catch {
          // A cut-off input stays as the raw JSON text for the validator to report.
        }
      } else if (event.type === 'message_delta') {
        if (typeof event.delta?.stop_reason === 'string') answer.stopReason = event.delta.stop_reason;
        // message_delta usage is cumulative output; input may be restated by newer APIs.
        if (event.usage?.output_tokens !== undefined) answer.usage.output = num(event.usage.output_tokens);
        if (typeof event.usage?.input_tokens === 'number') answer.usage.input = event.usage.input_tokens;
      }
    },
    result: () => ({ ...answer, content: answer.content.filter((b) => b !== undefined) }),
  };
}

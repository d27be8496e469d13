import type { ChatMessage } from '../../language-model.js';

export type AnthropicBlock = { type: string; [key: string]: unknown };
export type AnthropicTurn = { role: 'user' | 'assistant'; content: string | AnthropicBlock[] };

export interface AnthropicPrompt {
  system: string | undefined;
  messages: AnthropicTurn[];
}

const blocks = (content: AnthropicTurn['content']): AnthropicBlock[] => (typeof content === 'string' ? [{ type: 'text', text: content }] : content);

/** An assistant turn Anthropic produced goes back as it came: thinking blocks must keep their signature. */
function assistantContent(message: ChatMessage): AnthropicTurn['content'] {
  const own = message.providerContent?.provider === 'anthropic' ? (message.providerContent.content as AnthropicBlock[]) : undefined;
  // Empty text blocks are refused; the API itself never returns one worth keeping.
  return own ? own.filter((b) => !(b.type === 'text' && b.text === '')) : message.content;
}

/**
 * Anthropic takes the system prompt apart (top-level `system`), refuses empty turns, wants every
 * tool_use answered by a tool_result at the start of the next user turn, and merges
 * consecutive turns of one role (we do it here so block lists stay well formed).
 */
export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const turns: AnthropicTurn[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    let content = message.role === 'assistant' ? assistantContent(message) : message.content;
    if (content.length === 0) continue;
    const last = turns[turns.length - 1];
    const pendingTools = last?.role === 'assistant' && message.role === 'user' ? blocks(last.content).filter((b) => b.type === 'tool_use') : [];
    if (pendingTools.length > 0) {
      // The follow-up (e.g. a validation error) answers the tool call it is about.
      content = pendingTools.map((tool, i) => ({ type: 'tool_result', tool_use_id: tool.id, is_error: true, content: i === 0 ? message.content : 'See the first tool result.' }));
    }
    if (last && last.role === message.role) {
      last.content = typeof last.content === 'string' && typeof content === 'string' ? `${last.content}\n\n${content}` : [...blocks(last.content), ...blocks(content)];
    } else turns.push({ role: message.role, content });
  }
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages: turns };
}

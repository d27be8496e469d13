import type { ChatMessage } from '../../language-model.js';

export interface AnthropicPrompt {
  system: string | undefined;
  messages: { role: 'user' | 'assistant'; content: string }[];
}

/** Anthropic takes the system prompt apart and wants user/assistant turns to alternate. */
export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  const turns: AnthropicPrompt['messages'] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const last = turns[turns.length - 1];
    if (last && last.role === message.role) last.content += `\n\n${message.content}`;
    else turns.push({ role: message.role, content: message.content });
  }
  return { system: system.length > 0 ? system.join('\n\n') : undefined, messages: turns };
}

import type { ChatMessage } from '../../language-model.js';

/** Plain role/content turns; an empty assistant turn carries nothing and is dropped. */
export function convertToOllamaMessages(messages: readonly ChatMessage[]): { role: string; content: string }[] {
  return messages.filter((m) => !(m.role === 'assistant' && m.content === '')).map((m) => ({ role: m.role, content: m.content }));
}

import type { ChatMessage } from '../../language-model.js';

export function convertToOllamaMessages(messages: readonly ChatMessage[]): { role: string; content: string }[] {
  return messages.map((m) => ({ role: m.role, content: m.content }));
}

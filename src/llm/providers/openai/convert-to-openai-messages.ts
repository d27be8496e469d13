import type { ChatMessage } from '../../language-model.js';

export interface OpenAiMessage {
  role: 'system' | 'user' | 'assistant' | 'developer';
  content: string;
}

/** Reasoning models (o-series, gpt-5) take instructions as `developer`; the rest as `system`. */
export function convertToOpenAiMessages(messages: readonly ChatMessage[], reasoningModel: boolean): OpenAiMessage[] {
  return messages.map((m) => ({ role: m.role === 'system' && reasoningModel ? 'developer' : m.role, content: m.content }));
}

import type { ChatMessage } from '../../language-model.js';
import { isReasoningModel, takesNoInstructions } from './openai-model-rules.js';

export interface OpenAiMessage {
  role: 'system' | 'user' | 'assistant' | 'developer';
  content: string;
}

/**
 * Reasoning models take instructions as `developer`, the rest as `system`. Models that take
 * neither get them folded into the first user message. Empty assistant turns are dropped.
 */
export function convertToOpenAiMessages(messages: readonly ChatMessage[], modelId: string): OpenAiMessage[] {
  const turns = messages.filter((m) => !(m.role === 'assistant' && m.content === ''));
  if (takesNoInstructions(modelId)) {
    const instructions = turns.filter((m) => m.role === 'system').map((m) => m.content);
    const rest = turns.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: m.content }));
    const first = rest.findIndex((m) => m.role === 'user');
    if (instructions.length === 0) return rest;
    if (first === -1) return [{ role: 'user', content: instructions.join('\n\n') }, ...rest];
    rest[first] = { role: 'user', content: `${instructions.join('\n\n')}\n\n${rest[first]?.content ?? ''}` };
    return rest;
  }
  const instructionRole = isReasoningModel(modelId) ? 'developer' : 'system';
  return turns.map((m) => ({ role: m.role === 'system' ? instructionRole : m.role, content: m.content }));
}

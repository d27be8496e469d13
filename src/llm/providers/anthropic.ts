import type { CallWarning, GenerateRequest, GenerateResult, LanguageModel } from '../language-model.js';
import type { ProviderFactory } from '../model-registry.js';
import type { ProviderSettings } from '../provider-settings.js';
import { withRetry } from '../retry.js';
import { convertToAnthropicMessages } from './anthropic/convert-to-anthropic-messages.js';
import { mapAnthropicStopReason } from './anthropic/map-anthropic-stop-reason.js';
import { createAnthropicStreamAccumulator, readAnthropicMessage, type AnthropicAnswer } from './anthropic/read-anthropic-message.js';

const THINKING_BUDGET = 2048;
const DEFAULT_MAX_TOKENS = 2048;

class AnthropicMessagesModel implements LanguageModel {
  readonly provider = 'anthropic';
  constructor(readonly modelId: string, private readonly settings: ProviderSettings) {}

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    const client = new Anthropic({
      apiKey: this.settings.apiKey ?? null,
      ...(this.settings.baseUrl ? { baseURL: this.settings.baseUrl } : {}),
      maxRetries: 0,
    });
    const warnings: CallWarning[] = [];
    const prompt = convertToAnthropicMessages(request.messages);
    const thinking = request.reasoning === true;
    const outputTokens = request.maxOutputTokens ?? DEFAULT_MAX_TOKENS;
    if (thinking && request.temperature !== undefined) {
      warnings.push({ type: 'unsupported', feature: 'temperature', message: 'temperature is not allowed with extended thinking' });
    }
    const tool = request.structuredOutput;
    const body = {
      model: this.modelId,
      // Thinking tokens count against max_tokens, so the budget comes on top of the answer's.
      max_tokens: thinking ? outputTokens + THINKING_BUDGET : outputTokens,
      messages: prompt.messages,
      ...(prompt.system ? { system: prompt.system } : {}),
      ...(thinking ? { thinking: { type: 'enabled' as const, budget_tokens: THINKING_BUDGET } } : {}),
      ...(request.temperature !== undefined && !thinking ? { temperature: request.temperature } : {}),
      ...(tool
        ? {
            tools: [{ name: tool.name, description: tool.description, input_schema: tool.schema as { type: 'object' } }],
            // A forced tool choice is refused together with thinking; then the prompt asks for the tool.
            tool_choice: thinking ? { type: 'auto' as const } : { type: 'tool' as const, name: tool.name },
          }
        : {}),
      ...(request.providerOptions?.anthropic ?? {}),
    };
    const result = await withRetry<{ answer: AnthropicAnswer; raw: unknown }>(
      async (signal) => {
        if (request.onText) {
          const stream = await client.messages.create({ ...body, stream: true }, { signal });
          const accumulator = createAnthropicStreamAccumulator(request.onText);
          for await (const event of stream) accumulator.add(event);
          return { answer: accumulator.result(), raw: accumulator.result() };
        }
        const message = await client.messages.create({ ...body, stream: false }, { signal });
        return { answer: readAnthropicMessage(message), raw: message };
      },
      {
        provider: this.provider,
        maxRetries: this.settings.maxRetries ?? 2,
        timeoutMs: this.settings.timeoutMs ?? 120_000,
        authHint: 'Set ANTHROPIC_API_KEY.',
        ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
        ...(this.settings.sleep ? { sleep: this.settings.sleep } : {}),
      },
    );
    const { answer } = result;
    const object = answer.toolInput !== undefined ? answer.toolInput : undefined;
    return {
      // The tool input is the answer; when streamed it is still JSON text for the parser to validate.
      text: answer.toolInputJson || (object === undefined ? answer.text : JSON.stringify(object)),
      ...(object !== undefined ? { object } : {}),
      ...(answer.thinking ? { thinking: answer.thinking } : {}),
      finishReason: mapAnthropicStopReason(answer.stopReason),
      usage: answer.usage,
      warnings,
      raw: result.raw,
    };
  }
}

export const anthropicProvider: ProviderFactory = {
  id: 'anthropic',
  defaultModels: { simple: 'claude-haiku-4-5', reasoning: 'claude-sonnet-4-6' },
  createModel: (modelId, settings) => new AnthropicMessagesModel(modelId, settings),
};

import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { CallWarning, GenerateRequest, GenerateResult, LanguageModel } from '../language-model.js';
import type { ProviderFactory } from '../model-registry.js';
import type { ProviderSettings } from '../provider-settings.js';
import { withRetry } from '../retry.js';
import { ProviderError } from '../../domain/errors.js';
import { convertToAnthropicMessages } from './anthropic/convert-to-anthropic-messages.js';
import { mapAnthropicStopReason } from './anthropic/map-anthropic-stop-reason.js';
import { createAnthropicStreamAccumulator, readAnthropicMessage, type AnthropicAnswer } from './anthropic/read-anthropic-message.js';

// The API's minimum thinking budget is 1024; max_tokens must stay above it.
const THINKING_BUDGET = 2048;
const DEFAULT_MAX_TOKENS = 2048;
// Knobs the API refuses next to extended thinking.
const NOT_WITH_THINKING = ['temperature', 'top_k'];

type ThinkingMode = 'off' | 'enabled' | 'adaptive';

/** Opus 4.6+ and the 5-series refuse a fixed budget (`enabled`); they think with `adaptive`. */
export function wantsAdaptiveThinking(modelId: string): boolean {
  const match = /claude-(opus|sonnet|haiku)-(\d+)(?:[-.](\d{1,2})(?!\d))?/.exec(modelId);
  if (!match) return false;
  const major = Number(match[2]);
  const minor = Number(match[3] ?? 0);
  return major >= 5 || (match[1] === 'opus' && major === 4 && minor >= 6);
}

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
    const outputTokens = Math.max(1, Math.floor(request.maxOutputTokens ?? DEFAULT_MAX_TOKENS));
    if (request.reasoning === true && request.temperature !== undefined) {
      warnings.push({ type: 'unsupported', feature: 'temperature', message: 'temperature is not allowed with extended thinking' });
    }
    const extra = request.providerOptions?.anthropic ?? {};
    const bodyFor = (mode: ThinkingMode) => {
      const thinking = mode !== 'off';
      const tool = request.structuredOutput;
      const options = thinking ? Object.fromEntries(Object.entries(extra).filter(([k]) => !NOT_WITH_THINKING.includes(k))) : extra;
      return {
        model: this.modelId,
        // Thinking tokens count against max_tokens, so the budget comes on top of the answer's.
        max_tokens: thinking ? outputTokens + THINKING_BUDGET : outputTokens,
        // Blocks we got from this API go back as they came; the SDK's own types describe them.
        messages: prompt.messages as MessageParam[],
        ...(prompt.system ? { system: prompt.system } : {}),
        ...(mode === 'enabled' ? { thinking: { type: 'enabled' as const, budget_tokens: THINKING_BUDGET } } : {}),
        ...(mode === 'adaptive' ? { thinking: { type: 'adaptive' as const } } : {}),
        ...(request.temperature !== undefined && !thinking ? { temperature: Math.min(1, Math.max(0, request.temperature)) } : {}),
        ...(tool
          ? {
              tools: [{ name: tool.name, description: tool.description, input_schema: tool.schema as { type: 'object' } }],
              // Forcing a tool is refused together with thinking; then the system prompt asks for
              // the tool and a plain-text JSON answer is parsed just the same.
              tool_choice: thinking ? { type: 'auto' as const } : { type: 'tool' as const, name: tool.name },
            }
          : {}),
        ...options,
      };
    };
    const send = (mode: ThinkingMode) => withRetry<{ answer: AnthropicAnswer; raw: unknown }>(
      async (signal) => {
        const body = bodyFor(mode);
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
    let mode: ThinkingMode = request.reasoning !== true ? 'off' : wantsAdaptiveThinking(this.modelId) ? 'adaptive' : 'enabled';
    let result: Awaited<ReturnType<typeof send>> | undefined;
    while (!result) {
      try {
        result = await send(mode);
      } catch (error) {
        const refused = mode !== 'off' && error instanceof ProviderError && error.statusCode === 400 ? error.message : '';
        if (mode === 'enabled' && /adaptive/i.test(refused)) {
          mode = 'adaptive';
        } else if (/does not support (extended )?thinking|thinking[^]*not supported/i.test(refused)) {
          // Older models (Claude 3.5 and before) refuse `thinking`; the answer is still worth having.
          warnings.push({ type: 'unsupported', feature: 'thinking', message: `${this.modelId} does not support extended thinking; asked without it` });
          mode = 'off';
        } else throw error;
      }
    }
    const { answer } = result;
    const object = answer.toolInput !== undefined ? answer.toolInput : undefined;
    const truncated = answer.stopReason === 'max_tokens' || answer.stopReason === 'model_context_window_exceeded';
    const text = answer.toolInputJson || (object === undefined ? answer.text : JSON.stringify(object));
    return {
      // The tool input is the answer; when streamed it is still JSON text for the parser to validate.
      text,
      // A cut-off tool input is partial; only the text goes on, so the validator sees the cut.
      ...(object !== undefined && !truncated && !answer.toolInputJson ? { object } : {}),
      ...(answer.thinking ? { thinking: answer.thinking } : {}),
      finishReason: mapAnthropicStopReason(answer.stopReason),
      usage: answer.usage,
      warnings,
      ...(answer.content.length > 0 && !truncated ? { assistantMessage: { role: 'assistant' as const, content: text, providerContent: { provider: this.provider, content: answer.content } } } : {}),
      raw: result.raw,
    };
  }
}

export const anthropicProvider: ProviderFactory = {
  id: 'anthropic',
  defaultModels: { simple: 'claude-haiku-4-5', reasoning: 'claude-sonnet-4-6' },
  createModel: (modelId, settings) => new AnthropicMessagesModel(modelId, settings),
};

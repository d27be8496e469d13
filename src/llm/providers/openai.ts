import type { CallWarning, GenerateRequest, GenerateResult, LanguageModel } from '../language-model.js';
import type { ProviderFactory } from '../model-registry.js';
import type { ProviderSettings } from '../provider-settings.js';
import { withRetry } from '../retry.js';
import { ProviderError } from '../../domain/errors.js';
import { splitThinking } from '../split-thinking.js';
import { convertToOpenAiMessages } from './openai/convert-to-openai-messages.js';
import { mapOpenAiFinishReason } from './openai/map-openai-finish-reason.js';
import { createOpenAiStreamAccumulator, readOpenAiCompletion, type OpenAiAnswer } from './openai/read-openai-response.js';

type ResponseFormat =
  | { type: 'json_schema'; json_schema: { name: string; description?: string; schema: Record<string, unknown>; strict: boolean } }
  | { type: 'json_object' }
  | undefined;

// o-series and gpt-5 reject `temperature` and want `developer` messages and `reasoning_effort`.
function isReasoningModel(modelId: string): boolean {
  return /^(o\d|gpt-5)/.test(modelId);
}

class OpenAiChatModel implements LanguageModel {
  readonly provider = 'openai';
  constructor(readonly modelId: string, private readonly settings: ProviderSettings) {}

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({
      apiKey: this.settings.apiKey ?? 'not-needed-for-compatible-servers',
      ...(this.settings.baseUrl ? { baseURL: this.settings.baseUrl } : {}),
      maxRetries: 0,
    });
    const warnings: CallWarning[] = [];
    const reasoningModel = isReasoningModel(this.modelId);
    if (request.temperature !== undefined && reasoningModel) {
      warnings.push({ type: 'unsupported', feature: 'temperature', message: `${this.modelId} ignores temperature` });
    }
    const body = {
      model: this.modelId,
      messages: convertToOpenAiMessages(request.messages, reasoningModel),
      ...(request.maxOutputTokens ? { max_completion_tokens: request.maxOutputTokens } : {}),
      ...(request.temperature !== undefined && !reasoningModel ? { temperature: request.temperature } : {}),
      ...(request.reasoning && reasoningModel ? { reasoning_effort: 'high' as const } : {}),
      ...(request.providerOptions?.openai ?? {}),
    };
    // OpenAI-compatible servers (older vLLM, llama.cpp, LM Studio) often answer json_schema with a
    // 400. Degrade to json_object, then to the prompt's own JSON instruction, and say so: the
    // answer is validated against the schema either way.
    const formats: ResponseFormat[] = request.structuredOutput
      ? [
          { type: 'json_schema', json_schema: { name: request.structuredOutput.name, description: request.structuredOutput.description, schema: request.structuredOutput.schema, strict: true } },
          { type: 'json_object' },
          undefined,
        ]
      : [undefined];
    const send = (format: ResponseFormat) => withRetry<{ answer: OpenAiAnswer; raw: unknown }>(
      async (signal) => {
        if (request.onText) {
          const stream = await client.chat.completions.create({ ...body, ...(format ? { response_format: format } : {}), stream: true, stream_options: { include_usage: true } }, { signal });
          const accumulator = createOpenAiStreamAccumulator(request.onText);
          for await (const chunk of stream) accumulator.add(chunk);
          return { answer: accumulator.result(), raw: accumulator.result() };
        }
        const completion = await client.chat.completions.create({ ...body, ...(format ? { response_format: format } : {}), stream: false }, { signal });
        return { answer: readOpenAiCompletion(completion), raw: completion };
      },
      {
        provider: this.provider,
        maxRetries: this.settings.maxRetries ?? 2,
        timeoutMs: this.settings.timeoutMs ?? 120_000,
        authHint: 'Set OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server).',
        ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
        ...(this.settings.sleep ? { sleep: this.settings.sleep } : {}),
      },
    );
    let answer: Awaited<ReturnType<typeof send>> | undefined;
    for (const [index, format] of formats.entries()) {
      try {
        answer = await send(format);
        break;
      } catch (error) {
        const formatRejected = error instanceof ProviderError && (error.statusCode === 400 || error.statusCode === 422);
        if (!formatRejected || index === formats.length - 1) throw error;
        warnings.push({ type: 'unsupported', feature: 'response_format', message: `${this.modelId} rejected ${format?.type ?? 'plain'} output; retrying with a weaker format` });
      }
    }
    if (!answer) throw new ProviderError(this.provider, `${this.modelId} returned no answer`);
    const split = splitThinking(answer.answer.text);
    const thinking = [answer.answer.reasoning, split.thinking ?? ''].filter((t) => t.length > 0).join('\n\n');
    if (answer.answer.refusal) warnings.push({ type: 'other', message: `model refused: ${answer.answer.refusal}` });
    return {
      text: split.text,
      ...(thinking ? { thinking } : {}),
      finishReason: mapOpenAiFinishReason(answer.answer.finishReason),
      usage: answer.answer.usage,
      warnings,
      raw: answer.raw,
    };
  }
}

export const openaiProvider: ProviderFactory = {
  id: 'openai',
  defaultModels: { simple: 'gpt-5.4-mini', reasoning: 'o4-mini' },
  createModel: (modelId, settings) => new OpenAiChatModel(modelId, settings),
};

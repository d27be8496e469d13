import type { CallWarning, GenerateRequest, GenerateResult, LanguageModel } from '../language-model.js';
import type { ProviderFactory } from '../model-registry.js';
import type { ProviderSettings } from '../provider-settings.js';
import { withRetry } from '../retry.js';
import { ProviderError } from '../../domain/errors.js';
import { splitThinking } from '../split-thinking.js';
import { convertToOpenAiMessages } from './openai/convert-to-openai-messages.js';
import { mapOpenAiFinishReason } from './openai/map-openai-finish-reason.js';
import { isReasoningModel, rejectedField, tokenFieldFor, type TokenField } from './openai/openai-model-rules.js';
import { createOpenAiStreamAccumulator, readOpenAiCompletion, type OpenAiAnswer } from './openai/read-openai-response.js';
import { toStrictJsonSchema } from './openai/to-strict-json-schema.js';

type ResponseFormat =
  | { type: 'json_schema'; json_schema: { name: string; description?: string; schema: Record<string, unknown>; strict: boolean } }
  | { type: 'json_object' }
  | undefined;

// Hidden reasoning tokens come out of max_completion_tokens; without room for them a reasoning
// model can spend the whole cap thinking and return an empty answer (finish_reason "length").
const REASONING_ALLOWANCE = { simple: 1024, reasoning: 4096 };

/** What one attempt sends; a 400 naming one of these fields changes it for the next attempt. */
interface Shape {
  format: number;
  tokenField: TokenField;
  temperature: boolean;
  effort: boolean;
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
    const messages = convertToOpenAiMessages(request.messages, this.modelId);
    const formats = this.formats(request, messages);
    const maxTokens = request.maxOutputTokens === undefined ? undefined : Math.max(1, Math.floor(request.maxOutputTokens)) + (reasoningModel ? REASONING_ALLOWANCE[request.reasoning ? 'reasoning' : 'simple'] : 0);
    const bodyFor = (shape: Shape) => ({
      model: this.modelId,
      messages,
      ...(maxTokens !== undefined ? { [shape.tokenField]: maxTokens } : {}),
      ...(shape.temperature && request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(shape.effort ? { reasoning_effort: request.reasoning ? ('medium' as const) : ('low' as const) } : {}),
      ...(formats[shape.format] ? { response_format: formats[shape.format] } : {}),
      ...(request.providerOptions?.openai ?? {}),
    });
    const send = (shape: Shape) => withRetry<{ answer: OpenAiAnswer; raw: unknown }>(
      async (signal) => {
        if (request.onText) {
          const stream = await client.chat.completions.create({ ...bodyFor(shape), stream: true, stream_options: { include_usage: true } }, { signal });
          const accumulator = createOpenAiStreamAccumulator(request.onText);
          for await (const chunk of stream) accumulator.add(chunk);
          return { answer: accumulator.result(), raw: accumulator.result() };
        }
        const completion = await client.chat.completions.create({ ...bodyFor(shape), stream: false }, { signal });
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
    const shape: Shape = { format: 0, tokenField: tokenFieldFor(this.modelId, this.settings.baseUrl), temperature: !reasoningModel, effort: reasoningModel };
    const adjusted = new Set<string>();
    let answer: Awaited<ReturnType<typeof send>> | undefined;
    while (!answer) {
      try {
        answer = await send(shape);
      } catch (error) {
        if (!(error instanceof ProviderError) || (error.statusCode !== 400 && error.statusCode !== 422)) throw error;
        const field = rejectedField(error, ['max_completion_tokens', 'max_tokens', 'temperature', 'reasoning_effort']);
        if (field && !adjusted.has(field) && this.adjust(shape, field, request, maxTokens)) {
          adjusted.add(field);
          warnings.push({ type: 'unsupported', feature: field, message: `${this.modelId} refused ${field}; asked again without it` });
        } else if (shape.format < formats.length - 1) {
          warnings.push({ type: 'unsupported', feature: 'response_format', message: `${this.modelId} rejected ${formats[shape.format]?.type ?? 'plain'} output; retrying with a weaker format` });
          shape.format++;
        } else throw error;
      }
    }
    const split = splitThinking(answer.answer.text);
    const thinking = [answer.answer.reasoning, split.thinking ?? ''].filter((t) => t.length > 0).join('\n\n');
    const refused = answer.answer.refusal.length > 0;
    if (refused) warnings.push({ type: 'other', message: `model refused: ${answer.answer.refusal}` });
    return {
      text: split.text,
      ...(thinking ? { thinking } : {}),
      // A structured-output refusal arrives with finish_reason "stop" and the reason in `refusal`.
      finishReason: refused ? 'content-filter' : mapOpenAiFinishReason(answer.answer.finishReason),
      usage: answer.answer.usage,
      warnings,
      raw: answer.raw,
    };
  }

  /** Changes the request after a 400 naming `field`; false when there is nothing left to change. */
  private adjust(shape: Shape, field: string, request: GenerateRequest, maxTokens: number | undefined): boolean {
    if ((field === 'max_tokens' || field === 'max_completion_tokens') && maxTokens !== undefined && shape.tokenField === field) {
      shape.tokenField = field === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
      return true;
    }
    if (field === 'temperature' && shape.temperature && request.temperature !== undefined) {
      shape.temperature = false;
      return true;
    }
    if (field === 'reasoning_effort' && shape.effort) {
      shape.effort = false;
      return true;
    }
    return false;
  }

  /**
   * json_schema (strict when the schema has a strict form), then json_object (only when a
   * message says "JSON", which the API requires), then the prompt's own instruction: older
   * OpenAI-compatible servers refuse the first two. The answer is validated either way.
   */
  private formats(request: GenerateRequest, messages: readonly { content: string }[]): ResponseFormat[] {
    const output = request.structuredOutput;
    if (!output) return [undefined];
    const strict = toStrictJsonSchema(output.schema);
    const jsonSchema: ResponseFormat = { type: 'json_schema', json_schema: { name: output.name, description: output.description, schema: strict ?? output.schema, strict: strict !== undefined } };
    const saysJson = messages.some((m) => /json/i.test(m.content));
    return [jsonSchema, ...(saysJson ? [{ type: 'json_object' as const }] : []), undefined];
  }
}

export const openaiProvider: ProviderFactory = {
  id: 'openai',
  defaultModels: { simple: 'gpt-5.4-mini', reasoning: 'o4-mini' },
  createModel: (modelId, settings) => new OpenAiChatModel(modelId, settings),
};

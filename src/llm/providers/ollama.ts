import type { CallWarning, GenerateRequest, GenerateResult, LanguageModel } from '../language-model.js';
import type { ProviderFactory } from '../model-registry.js';
import type { ProviderSettings } from '../provider-settings.js';
import { withRetry } from '../retry.js';
import { ProviderError } from '../../domain/errors.js';
import { splitThinking } from '../split-thinking.js';
import { convertToOllamaMessages } from './ollama/convert-to-ollama-messages.js';
import { mapOllamaDoneReason } from './ollama/map-ollama-done-reason.js';
import { createOllamaAccumulator, type OllamaAnswer } from './ollama/read-ollama-response.js';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

class OllamaChatModel implements LanguageModel {
  readonly provider = 'ollama';
  constructor(readonly modelId: string, private readonly settings: ProviderSettings) {}

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { Ollama } = await import('ollama');
    const warnings: CallWarning[] = [];
    const body = {
      model: this.modelId,
      messages: convertToOllamaMessages(request.messages),
      options: {
        ...(request.maxOutputTokens ? { num_predict: request.maxOutputTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      },
      ...(request.providerOptions?.ollama ?? {}),
    };
    // Ollama before 0.5 knows only format "json" and answers a schema with a 400; the schema then
    // lives on in the prompt and in validation.
    const formats: (Record<string, unknown> | 'json' | undefined)[] = request.structuredOutput ? [request.structuredOutput.schema, 'json'] : [undefined];
    const send = (format: Record<string, unknown> | 'json' | undefined) => withRetry<OllamaAnswer>(
      async (signal) => {
        // The client has no per-call signal, so the signal rides on its fetch.
        const client = new Ollama({
          host: this.settings.baseUrl ?? DEFAULT_OLLAMA_HOST,
          fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
        });
        const accumulator = createOllamaAccumulator(request.onText);
        if (request.onText) {
          const stream = await client.chat({ ...body, ...(format ? { format } : {}), stream: true });
          for await (const part of stream) accumulator.add(part);
        } else {
          accumulator.add(await client.chat({ ...body, ...(format ? { format } : {}), stream: false }));
        }
        return accumulator.result();
      },
      {
        provider: this.provider,
        maxRetries: this.settings.maxRetries ?? 2,
        timeoutMs: this.settings.timeoutMs ?? 300_000,
        authHint: 'Check OLLAMA_HOST.',
        ...(request.abortSignal ? { abortSignal: request.abortSignal } : {}),
        ...(this.settings.sleep ? { sleep: this.settings.sleep } : {}),
      },
    );
    let answer: OllamaAnswer | undefined;
    for (const [index, format] of formats.entries()) {
      try {
        answer = await send(format);
        break;
      } catch (error) {
        const formatRejected = error instanceof ProviderError && error.statusCode === 400;
        if (!formatRejected || index === formats.length - 1) throw error;
        warnings.push({ type: 'unsupported', feature: 'format', message: `this Ollama rejected a JSON-schema format; retrying with format "json"` });
      }
    }
    if (!answer) throw new ProviderError(this.provider, `${this.modelId} returned no answer`);
    // deepseek-r1 emits its trace inline unless the server splits it into message.thinking.
    const split = splitThinking(answer.text);
    const thinking = [answer.thinking, split.thinking ?? ''].filter((t) => t.length > 0).join('\n\n');
    return {
      text: split.text,
      ...(thinking ? { thinking } : {}),
      finishReason: mapOllamaDoneReason(answer.doneReason),
      usage: answer.usage,
      warnings,
      raw: answer,
    };
  }
}

export const ollamaProvider: ProviderFactory = {
  id: 'ollama',
  defaultModels: { simple: 'llama3.1', reasoning: 'deepseek-r1:32b' },
  createModel: (modelId, settings) => new OllamaChatModel(modelId, settings),
};

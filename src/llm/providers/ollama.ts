import type { CallWarning, GenerateRequest, GenerateResult, LanguageModel } from '../language-model.js';
import type { ProviderFactory } from '../model-registry.js';
import type { ProviderSettings } from '../provider-settings.js';
import { withRetry } from '../retry.js';
import { ProviderError } from '../../domain/errors.js';
import { ProviderCallError } from '../provider-error.js';
import { splitThinking } from '../split-thinking.js';
import { convertToOllamaMessages } from './ollama/convert-to-ollama-messages.js';
import { mapOllamaDoneReason } from './ollama/map-ollama-done-reason.js';
import { createOllamaAccumulator, type OllamaAnswer } from './ollama/read-ollama-response.js';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

type Format = Record<string, unknown> | 'json' | undefined;

/** What one attempt sends; a 400 about thinking or the format changes it for the next. */
interface Shape {
  format: number;
  think: boolean;
}

class OllamaChatModel implements LanguageModel {
  readonly provider = 'ollama';
  constructor(readonly modelId: string, private readonly settings: ProviderSettings) {}

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const { Ollama } = await import('ollama');
    const host = this.settings.baseUrl ?? DEFAULT_OLLAMA_HOST;
    const warnings: CallWarning[] = [];
    const base = {
      model: this.modelId,
      messages: convertToOllamaMessages(request.messages),
      options: {
        ...(request.maxOutputTokens ? { num_predict: Math.max(1, Math.floor(request.maxOutputTokens)) } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      },
      ...(request.providerOptions?.ollama ?? {}),
    };
    // Ollama before 0.5 knows only format "json" and answers a schema with a 400; the schema then
    // lives on in the prompt and in validation.
    const formats: Format[] = request.structuredOutput ? [request.structuredOutput.schema, 'json'] : [undefined];
    const send = (shape: Shape) => withRetry<OllamaAnswer>(
      async (signal) => {
        // The client has no per-call signal, so the signal rides on its fetch.
        const client = new Ollama({
          host,
          fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal }),
        });
        const format = formats[shape.format];
        // `think` (Ollama >= 0.9) puts a reasoning model's trace in message.thinking, apart from
        // the answer that `format` constrains; older servers ignore the field.
        const body = { ...base, ...(format ? { format } : {}), ...(shape.think ? { think: true } : {}) };
        const accumulator = createOllamaAccumulator(request.onText);
        if (request.onText) {
          const stream = await client.chat({ ...body, stream: true });
          for await (const part of stream) accumulator.add(part);
        } else {
          accumulator.add(await client.chat({ ...body, stream: false }));
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
    const shape: Shape = { format: 0, think: request.reasoning === true };
    let answer: OllamaAnswer | undefined;
    while (!answer) {
      try {
        answer = await send(shape);
      } catch (error) {
        const rejected = error instanceof ProviderError && error.statusCode === 400;
        if (rejected && shape.think && /thinking|\bthink\b/i.test(error.message)) {
          warnings.push({ type: 'unsupported', feature: 'think', message: `${this.modelId} does not support thinking on this Ollama; asked without it` });
          shape.think = false;
        } else if (rejected && shape.format < formats.length - 1) {
          warnings.push({ type: 'unsupported', feature: 'format', message: `this Ollama rejected a JSON-schema format; retrying with format "json"` });
          shape.format++;
        } else throw this.explain(error, host);
      }
    }
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

  /** The two failures every new Ollama user meets, said as what to do. */
  private explain(error: unknown, host: string): unknown {
    if (error instanceof ProviderError && error.statusCode === 404 && /not found/i.test(error.message)) {
      return new ProviderCallError(this.provider, `Ollama at ${host} does not have the model "${this.modelId}": run \`ollama pull ${this.modelId}\`, or pick another with --model ollama:<model>.`, { statusCode: 404, cause: error });
    }
    const code = (error as { cause?: { cause?: { code?: unknown } } } | undefined)?.cause?.cause?.code;
    if (error instanceof ProviderError && error.statusCode === undefined && (code === 'ECONNREFUSED' || /fetch failed|ECONNREFUSED/.test(error.message))) {
      return new ProviderCallError(this.provider, `Cannot reach Ollama at ${host}: start it with \`ollama serve\`, or set OLLAMA_HOST to where it runs.`, { cause: error });
    }
    return error;
  }
}

export const ollamaProvider: ProviderFactory = {
  id: 'ollama',
  defaultModels: { simple: 'llama3.1', reasoning: 'deepseek-r1:32b' },
  createModel: (modelId, settings) => new OllamaChatModel(modelId, settings),
};

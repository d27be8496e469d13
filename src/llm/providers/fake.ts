import type { GenerateRequest, GenerateResult, LanguageModel, TokenUsage } from '../language-model.js';
import type { ProviderFactory } from '../model-registry.js';

/** One scripted reply; `error` makes the call throw instead. */
export interface FakeStep {
  text?: string;
  object?: unknown;
  thinking?: string;
  usage?: TokenUsage;
  error?: Error;
}

/** The fenced block the prompt carries with the rules' own answer (prompt/build-prompt.ts writes the same literal); `fake:echo` returns it. */
export const DRAFT_FENCE = '```json draft';

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * A model for tests and offline demos. Records every request. `fake:echo` answers with the
 * rules' draft from the prompt, so `--model fake:echo` runs the whole LLM path without a network.
 */
export class FakeLanguageModel implements LanguageModel {
  readonly provider = 'fake';
  readonly calls: GenerateRequest[] = [];
  private readonly steps: FakeStep[];

  constructor(readonly modelId: string, steps: readonly FakeStep[] = []) {
    this.steps = [...steps];
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls.push(request);
    if (request.abortSignal?.aborted) throw new Error('aborted');
    const step = this.steps.shift() ?? this.echo(request);
    if (step.error) throw step.error;
    const text = step.text ?? (step.object !== undefined ? JSON.stringify(step.object) : '');
    request.onText?.(text);
    const input = request.messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
    return {
      text,
      ...(step.object !== undefined ? { object: step.object } : {}),
      ...(step.thinking ? { thinking: step.thinking } : {}),
      finishReason: 'stop',
      usage: step.usage ?? { input, output: estimateTokens(text) },
      warnings: [],
      raw: step,
    };
  }

  private echo(request: GenerateRequest): FakeStep {
    const last = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const start = last.indexOf(DRAFT_FENCE);
    if (start === -1) return { text: last };
    const body = last.slice(start + DRAFT_FENCE.length);
    const end = body.indexOf('```');
    return { text: (end === -1 ? body : body.slice(0, end)).trim() };
  }
}

export const fakeProvider: ProviderFactory = {
  id: 'fake',
  defaultModels: { simple: 'echo', reasoning: 'echo' },
  createModel: (modelId) => new FakeLanguageModel(modelId),
};

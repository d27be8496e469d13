import { UsageError } from '../domain/errors.js';
import type { LanguageModel } from './language-model.js';
import type { DefaultModels, ProviderSettings } from './provider-settings.js';

/** One vendor: its id (the part before `:`), its default models, and how to build a model. */
export interface ProviderFactory {
  readonly id: string;
  readonly defaultModels: DefaultModels;
  createModel(modelId: string, settings: ProviderSettings): LanguageModel;
}

export class UnknownProviderError extends UsageError {
  constructor(provider: string, available: readonly string[]) {
    super(`Unknown LLM provider "${provider}". Available providers: ${available.join(', ')}. Use --model <provider>:<model>, e.g. ollama:llama3.1.`);
  }
}

export interface ModelRef {
  provider: string;
  modelId: string;
}

/** `ollama:deepseek-r1:32b` → provider `ollama`, model `deepseek-r1:32b` (Ollama tags contain colons). */
export function parseModelRef(ref: string): ModelRef {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) {
    throw new UsageError(`Model "${ref}" must be written as <provider>:<model>, e.g. openai:gpt-5.4-mini or ollama:llama3.1.`);
  }
  return { provider: ref.slice(0, colon), modelId: ref.slice(colon + 1) };
}

/** Resolves `provider:model` refs. Holds no global state; the CLI builds one per run. */
export class ModelRegistry {
  private readonly factories: Map<string, ProviderFactory>;
  private readonly settings: Readonly<Record<string, ProviderSettings>>;

  constructor(factories: readonly ProviderFactory[], settings: Readonly<Record<string, ProviderSettings>> = {}) {
    this.factories = new Map(factories.map((f) => [f.id, f]));
    this.settings = settings;
  }

  providerIds(): string[] {
    return [...this.factories.keys()];
  }

  defaultModels(provider: string): DefaultModels {
    return this.factory(provider).defaultModels;
  }

  languageModel(ref: string): LanguageModel {
    const { provider, modelId } = parseModelRef(ref);
    return this.factory(provider).createModel(modelId, this.settings[provider] ?? {});
  }

  private factory(provider: string): ProviderFactory {
    const factory = this.factories.get(provider);
    if (!factory) throw new UnknownProviderError(provider, this.providerIds());
    return factory;
  }
}

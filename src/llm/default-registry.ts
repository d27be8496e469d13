import { ModelRegistry } from './model-registry.js';
import type { ProviderSettings } from './provider-settings.js';
import { anthropicProvider } from './providers/anthropic.js';
import { fakeProvider } from './providers/fake.js';
import { ollamaProvider } from './providers/ollama.js';
import { openaiProvider } from './providers/openai.js';

/** Every provider k8sdiag ships. SDKs load lazily on the first call, so building this is cheap. */
export const PROVIDERS = [openaiProvider, anthropicProvider, ollamaProvider, fakeProvider] as const;

export function createModelRegistry(settings: Readonly<Record<string, ProviderSettings>>): ModelRegistry {
  return new ModelRegistry(PROVIDERS, settings);
}

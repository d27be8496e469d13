import type { DefaultModels } from './provider-settings.js';

/**
 * The model for a short side task (a HyDE passage, a knowledge answer): `--model` when given,
 * else the provider's simple model. Nothing here needs the reasoning model's cost or latency.
 */
export function simpleModelRef(config: { provider: string; model?: string; simpleModel?: string }, defaults: DefaultModels): string {
  const ref = config.model ?? config.simpleModel ?? defaults.simple;
  return ref.startsWith(`${config.provider}:`) ? ref : `${config.provider}:${ref}`;
}

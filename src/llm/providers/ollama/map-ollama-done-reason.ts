import type { FinishReason } from '../../language-model.js';

/** Ollama reports `stop`, `length`, or `load`/`unload` for model housekeeping. */
export function mapOllamaDoneReason(reason: string | undefined): FinishReason {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return 'other';
}

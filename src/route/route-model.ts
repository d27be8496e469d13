import type { ComplexityScore } from './complexity-score.js';

export type Route = 'simple' | 'reasoning';

export interface RouteSettings {
  provider: string;
  defaults: { simple: string; reasoning: string };
  /** `--model provider:model`: used as is. */
  model?: string;
  /** K8SDIAG_SIMPLE_MODEL / K8SDIAG_REASONING_MODEL: a model id or a full provider:model ref. */
  simpleModel?: string;
  reasoningModel?: string;
  /** `--route`: skips the score. */
  route?: Route;
  threshold: number;
}

export interface RouteDecision {
  modelRef: string;
  route: Route;
  reason: string;
}

function toRef(provider: string, model: string): string {
  return isProviderPrefixed(model) ? model : `${provider}:${model}`;
}

// `openai:gpt-5` is a ref; `deepseek-r1:32b` is an Ollama tag. Known provider ids decide.
function isProviderPrefixed(model: string): boolean {
  const colon = model.indexOf(':');
  return colon > 0 && ['openai', 'anthropic', 'ollama', 'fake'].includes(model.slice(0, colon));
}

/** Simple cases go to a fast model, hard ones (score above threshold) to a reasoning model, and the reason says which and why. */
export function routeModel(score: ComplexityScore, settings: RouteSettings): RouteDecision {
  const top = [...score.features].sort((a, b) => b.contribution - a.contribution).slice(0, 3).map((f) => f.name).join(', ');
  const route: Route = settings.route ?? (score.score > settings.threshold ? 'reasoning' : 'simple');
  const why = settings.route
    ? `--route ${settings.route}`
    : `complexity ${score.score.toFixed(2)} ${route === 'reasoning' ? '>' : '<='} threshold ${settings.threshold}${top ? ` (${top})` : ''}`;
  if (settings.model) return { modelRef: settings.model, route, reason: `--model ${settings.model}; ${why}` };
  const configured = route === 'reasoning' ? settings.reasoningModel : settings.simpleModel;
  const model = configured ?? settings.defaults[route];
  return {
    modelRef: toRef(settings.provider, model),
    route,
    reason: `${why} → ${route} model${configured ? '' : ` (${settings.provider} default)`}`,
  };
}

/**
 * What OpenAI's chat completions accept per model family. Reasoning models (o-series, gpt-5
 * except its `-chat` snapshots) refuse `max_tokens` and any `temperature`/`top_p` but the
 * default, take instructions as `developer`, and spend hidden reasoning tokens out of
 * `max_completion_tokens`; the first o1 releases took no instruction message at all.
 */
export function isReasoningModel(modelId: string): boolean {
  const name = modelId.slice(modelId.lastIndexOf('/') + 1);
  return /^(o\d|gpt-5)/.test(name) && !/^gpt-5[\w.-]*-chat/.test(name);
}

export function takesNoInstructions(modelId: string): boolean {
  return /^o1-(mini|preview)/.test(modelId.slice(modelId.lastIndexOf('/') + 1));
}

export function isOfficialEndpoint(baseUrl: string | undefined): boolean {
  if (!baseUrl) return true;
  try {
    return new URL(baseUrl).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

export type TokenField = 'max_tokens' | 'max_completion_tokens';

/**
 * OpenAI itself wants `max_completion_tokens` (reasoning models refuse `max_tokens`); older
 * OpenAI-compatible servers (vLLM, llama.cpp, LM Studio) only know `max_tokens` and silently
 * ignore the other, which would leave the answer uncapped.
 */
export function tokenFieldFor(modelId: string, baseUrl: string | undefined): TokenField {
  return isReasoningModel(modelId) || isOfficialEndpoint(baseUrl) ? 'max_completion_tokens' : 'max_tokens';
}

interface LooseApiError {
  status?: unknown;
  param?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The request field a 400 names (`param`, else the message text), for adjusting and asking again. */
export function rejectedField(error: unknown, fields: readonly string[]): string | undefined {
  for (let e = error as LooseApiError | undefined, depth = 0; e && depth < 4; e = e.cause as LooseApiError | undefined, depth++) {
    if (typeof e.param === 'string') {
      const hit = fields.find((f) => e !== undefined && (e.param === f || String(e.param).startsWith(`${f}.`) || String(e.param).startsWith(`${f}[`)));
      if (hit) return hit;
    }
    const message = typeof e.message === 'string' ? e.message : '';
    const hit = fields.find((f) => new RegExp(`['"\`]?\\b${f}\\b`).test(message));
    if (hit) return hit;
  }
  return undefined;
}

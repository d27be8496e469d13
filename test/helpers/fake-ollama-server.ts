import { startLoopbackServer, type LoopbackServer, type RecordedRequest, type ScriptedReply } from './loopback-server.js';

export function ollamaError(status: number, message: string): ScriptedReply {
  return { status, json: { error: message } };
}

export interface OllamaFakeOptions {
  /** Models this server has pulled; any other gets the real 404. Default: every model is present. */
  models?: readonly string[];
  /** Which models have the thinking capability (`think` is refused for the rest). */
  thinking?: (model: string) => boolean;
}

const defaultThinking = (model: string): boolean => /^(deepseek-r1|qwen3|gpt-oss|magistral|phi4-reasoning)/.test(model);

/** What /api/chat refuses before generating anything, as Ollama words it. Unknown fields are ignored, as Ollama does. */
export function checkOllamaRequest(request: RecordedRequest, options: OllamaFakeOptions = {}): ScriptedReply | undefined {
  if (request.method !== 'POST' || request.path.split('?')[0] !== '/api/chat') return { status: 404, raw: '404 page not found' };
  const body = request.body;
  if ('unparsed' in body) return ollamaError(400, 'invalid character looking for beginning of value');
  const model = typeof body.model === 'string' ? body.model : '';
  if (!model) return ollamaError(400, 'model is required');
  const bare = model.includes(':') ? model : `${model}:latest`;
  if (options.models && !options.models.some((m) => m === model || m === bare)) return ollamaError(404, `model "${model}" not found, try pulling it first`);
  if (!Array.isArray(body.messages)) return ollamaError(400, 'json: cannot unmarshal into Go struct field ChatRequest.messages');
  for (const m of body.messages as { role?: unknown; content?: unknown }[]) {
    if (!['system', 'user', 'assistant', 'tool'].includes(String(m.role))) return ollamaError(400, `invalid role: ${String(m.role)}`);
    if (m.content !== undefined && typeof m.content !== 'string') return ollamaError(400, 'json: cannot unmarshal array into Go struct field Message.messages.content of type string');
  }
  const format = body.format;
  if (format !== undefined && format !== '' && format !== 'json' && (typeof format !== 'object' || format === null || Array.isArray(format))) {
    return ollamaError(400, `invalid format: ${JSON.stringify(format)}; expected "json" or a valid JSON schema`);
  }
  const think = body.think;
  if (think !== undefined && typeof think !== 'boolean' && !['low', 'medium', 'high'].includes(String(think))) return ollamaError(400, `invalid think value: ${JSON.stringify(think)}`);
  if (think !== undefined && think !== false && !(options.thinking ?? defaultThinking)(model)) return ollamaError(400, `"${model}" does not support thinking`);
  const options_ = body.options as Record<string, unknown> | undefined;
  if (options_ !== undefined && (typeof options_ !== 'object' || options_ === null)) return ollamaError(400, 'json: cannot unmarshal into Go struct field ChatRequest.options');
  if (options_?.num_predict !== undefined && !Number.isInteger(options_.num_predict)) return ollamaError(400, 'option "num_predict" must be of type integer');
  return undefined;
}

/** Ollama's /api/chat over loopback, refusing what Ollama refuses; OLLAMA_HOST is the origin. */
export async function startFakeOllamaServer(script: readonly ScriptedReply[], options: OllamaFakeOptions = {}): Promise<LoopbackServer> {
  return startLoopbackServer(script, { validate: (request) => checkOllamaRequest(request, options) });
}

const final = { done: true, done_reason: 'stop', total_duration: 4_210_000_000, load_duration: 12_000_000, prompt_eval_count: 1024, prompt_eval_duration: 900_000_000, eval_count: 256, eval_duration: 3_100_000_000 };

export function ollamaChat(content: string, model = 'llama3.1', extra: { thinking?: string; doneReason?: string } = {}): ScriptedReply {
  return {
    json: { model, created_at: '2026-11-20T10:00:01.123Z', message: { role: 'assistant', content, ...(extra.thinking ? { thinking: extra.thinking } : {}) }, ...final, done_reason: extra.doneReason ?? 'stop' },
  };
}

/** NDJSON: `message.thinking` lines (think: true), then content lines, then the `done: true` line with counts. */
export function ollamaStream(pieces: readonly string[], model = 'deepseek-r1:32b', extra: { thinking?: readonly string[]; doneReason?: string; errorAfter?: string } = {}): ScriptedReply {
  const line = (message: Record<string, string>, i: number) => ({ model, created_at: `2026-11-20T10:00:0${Math.min(i, 9)}.000Z`, message: { role: 'assistant', content: '', ...message }, done: false });
  return {
    ndjson: [
      ...(extra.thinking ?? []).map((thinking, i) => line({ thinking }, i)),
      ...pieces.map((content, i) => line({ content }, i)),
      ...(extra.errorAfter ? [{ error: extra.errorAfter }] : [{ model, created_at: '2026-11-20T10:00:10.000Z', message: { role: 'assistant', content: '' }, ...final, done_reason: extra.doneReason ?? 'stop' }]),
    ],
  };
}

import { startLoopbackServer, type LoopbackServer, type RecordedRequest, type ScriptedReply } from './loopback-server.js';

export function openAiError(status: number, message: string, headers: Record<string, string> = {}, detail: { param?: string; code?: string; type?: string } = {}): ScriptedReply {
  const type = detail.type ?? (status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error');
  return { status, headers, json: { error: { message, type, param: detail.param ?? null, code: detail.code ?? null } } };
}

const invalid = (message: string, param: string | null, code: string | null = null): ScriptedReply => openAiError(400, message, {}, { ...(param ? { param } : {}), ...(code ? { code } : {}) });

/** o-series and gpt-5 (not the gpt-5 chat snapshots) are reasoning models on the real API. */
const isReasoningModel = (model: string): boolean => /^(o\d|gpt-5)/.test(model) && !/^gpt-5[\w.-]*-chat/.test(model);
/** The first o1 releases took neither system nor developer messages. */
const takesNoInstructions = (model: string): boolean => /^o1-(mini|preview)/.test(model);

// Keywords strict mode refuses (it compiles the schema into a grammar and these have no grammar form).
const NOT_PERMITTED = ['minLength', 'maxLength', 'minProperties', 'maxProperties', 'patternProperties', 'unevaluatedProperties', 'propertyNames', 'not', 'if', 'then', 'else', 'contains', 'uniqueItems'];

/** The first way a schema breaks Structured Outputs strict mode, worded like the API. */
export function strictSchemaProblem(schema: unknown, path: string[] = []): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const node = schema as Record<string, unknown>;
  const context = `context=(${path.map((p) => `'${p}'`).join(', ')}${path.length === 1 ? ',' : ''})`;
  if (path.length === 0 && (node.type !== 'object' || 'anyOf' in node)) return `In ${context}, schema must be a JSON Schema of 'type: \"object\"', got 'type: \"${String(node.type)}\"'.`;
  for (const keyword of NOT_PERMITTED) if (keyword in node) return `In ${context}, '${keyword}' is not permitted.`;
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('object') || 'properties' in node) {
    if (node.additionalProperties !== false) return `In ${context}, 'additionalProperties' is required to be supplied and to be false.`;
    const keys = Object.keys((node.properties as Record<string, unknown> | undefined) ?? {});
    const required = Array.isArray(node.required) ? node.required : [];
    const missing = keys.find((k) => !required.includes(k));
    if (missing !== undefined) return `In ${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    for (const key of keys) {
      const problem = strictSchemaProblem((node.properties as Record<string, unknown>)[key], [...path, 'properties', key]);
      if (problem) return problem;
    }
  }
  for (const key of ['items', '$defs', 'definitions', 'anyOf'] as const) {
    const child = node[key];
    if (child === undefined) continue;
    const entries = key === 'items' ? [['', child] as const] : Object.entries(child as Record<string, unknown>);
    for (const [name, sub] of entries) {
      const problem = strictSchemaProblem(sub, name === '' ? [...path, key] : [...path, key, name]);
      if (problem) return problem;
    }
  }
  return undefined;
}

function checkResponseFormat(body: Record<string, unknown>): ScriptedReply | undefined {
  const format = body.response_format as { type?: unknown; json_schema?: { name?: unknown; schema?: unknown; strict?: unknown } } | undefined;
  if (format === undefined) return undefined;
  if (format.type === 'json_object') {
    const mentionsJson = (body.messages as { content?: unknown }[]).some((m) => typeof m.content === 'string' && /json/i.test(m.content));
    return mentionsJson ? undefined : invalid("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages');
  }
  if (format.type === 'text') return undefined;
  if (format.type !== 'json_schema') return invalid(`Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`, 'response_format.type', 'invalid_value');
  const spec = format.json_schema;
  if (typeof spec?.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) return invalid("Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.", 'response_format.json_schema.name', 'invalid_value');
  if (spec.strict !== true) return undefined;
  const problem = strictSchemaProblem(spec.schema);
  return problem ? invalid(`Invalid schema for response_format '${spec.name}': ${problem}`, 'response_format') : undefined;
}

export interface OpenAiFakeOptions {
  /**
   * `openai` (default): the real API's rules. `legacy`: an older OpenAI-compatible server that
   * only knows `max_tokens` and refuses the newer request fields it does not recognise.
   */
  dialect?: 'openai' | 'legacy';
}

/** What /v1/chat/completions refuses before generating anything, as the API words it. */
export function checkOpenAiRequest(request: RecordedRequest, options: OpenAiFakeOptions = {}): ScriptedReply | undefined {
  if (request.method !== 'POST' || request.path.split('?')[0] !== '/v1/chat/completions') return openAiError(404, `Invalid URL (${request.method} ${request.path})`, {}, { type: 'invalid_request_error' });
  if (!request.headers.authorization) return openAiError(401, "You didn't provide an API key.", {}, { type: 'invalid_request_error' });
  const body = request.body;
  const model = typeof body.model === 'string' ? body.model : '';
  if (!model) return invalid('you must provide a model parameter', null);
  if (!Array.isArray(body.messages) || body.messages.length === 0) return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  if (options.dialect === 'legacy') {
    for (const field of ['max_completion_tokens', 'reasoning_effort']) if (field in body) return invalid(`Unrecognized request argument supplied: ${field}`, null);
  }
  for (const [i, m] of (body.messages as { role?: unknown }[]).entries()) {
    if (!['system', 'developer', 'user', 'assistant', 'tool'].includes(String(m.role))) return invalid(`Invalid value: '${String(m.role)}'. Supported values are: 'system', 'assistant', 'user', 'tool', 'function' and 'developer'.`, `messages[${i}].role`, 'invalid_value');
    if ((m.role === 'system' || m.role === 'developer') && takesNoInstructions(model)) return invalid(`Unsupported value: 'messages[${i}].role' does not support '${m.role}' with this model.`, `messages[${i}].role`, 'unsupported_value');
  }
  if (options.dialect !== 'legacy' && isReasoningModel(model)) {
    if ('max_tokens' in body) return invalid("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter');
    for (const field of ['temperature', 'top_p'] as const) {
      if (field in body && body[field] !== 1) return invalid(`Unsupported value: '${field}' does not support ${String(body[field])} with this model. Only the default (1) value is supported.`, field, 'unsupported_value');
    }
  } else if (options.dialect !== 'legacy' && 'reasoning_effort' in body) {
    return invalid("Unsupported parameter: 'reasoning_effort' is not supported with this model.", 'reasoning_effort', 'unsupported_parameter');
  }
  if ('stream_options' in body && body.stream !== true) return invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options', 'invalid_value');
  return checkResponseFormat(body);
}

/** OpenAI chat completions over loopback, refusing what the real API refuses; point the SDK's baseURL at `${origin}/v1`. */
export async function startFakeOpenAiServer(script: readonly ScriptedReply[], options: OpenAiFakeOptions = {}): Promise<LoopbackServer & { baseUrl: string }> {
  const server = await startLoopbackServer(script, { validate: (request) => checkOpenAiRequest(request, options) });
  return { ...server, baseUrl: `${server.origin}/v1` };
}

export function openAiCompletion(content: string | null, extra: { reasoning_content?: string; finish_reason?: string; refusal?: string } = {}): ScriptedReply {
  return {
    json: {
      id: 'chatcmpl-test1',
      object: 'chat.completion',
      created: 1763632800,
      model: 'gpt-5.4-mini-2026-03-17',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: extra.refusal ?? null, annotations: [], ...(extra.reasoning_content ? { reasoning_content: extra.reasoning_content } : {}) },
          logprobs: null,
          finish_reason: extra.finish_reason ?? 'stop',
        },
      ],
      usage: { prompt_tokens: 812, completion_tokens: 164, total_tokens: 976 },
      system_fingerprint: 'fp_test',
    },
  };
}

/** SSE chunks the way the API streams them: a role chunk, content deltas, a finish chunk, a usage chunk (include_usage), [DONE]. */
export function openAiStream(pieces: readonly string[], options: { finishReason?: string } = {}): ScriptedReply {
  const base = { id: 'chatcmpl-test2', object: 'chat.completion.chunk', created: 1763632800, model: 'gpt-5.4-mini-2026-03-17' };
  return {
    sse: [
      { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], usage: null } },
      ...pieces.map((content) => ({ data: { ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }], usage: null } })),
      { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: options.finishReason ?? 'stop' }], usage: null } },
      { data: { ...base, choices: [], usage: { prompt_tokens: 700, completion_tokens: 90, total_tokens: 790 } } },
      { data: '[DONE]' },
    ],
  };
}

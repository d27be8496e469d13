import { startLoopbackServer, type LoopbackServer, type ScriptedReply } from './loopback-server.js';

/** OpenAI chat completions over loopback; point the SDK's baseURL at `${origin}/v1`. */
export async function startFakeOpenAiServer(script: readonly ScriptedReply[]): Promise<LoopbackServer & { baseUrl: string }> {
  const server = await startLoopbackServer(script);
  return { ...server, baseUrl: `${server.origin}/v1` };
}

export function openAiCompletion(content: string, extra: { reasoning_content?: string; finish_reason?: string } = {}): ScriptedReply {
  return {
    json: {
      id: 'chatcmpl-test1',
      object: 'chat.completion',
      created: 1763632800,
      model: 'gpt-5.4-mini-2026-03-17',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null, annotations: [], ...(extra.reasoning_content ? { reasoning_content: extra.reasoning_content } : {}) },
          logprobs: null,
          finish_reason: extra.finish_reason ?? 'stop',
        },
      ],
      usage: { prompt_tokens: 812, completion_tokens: 164, total_tokens: 976 },
      system_fingerprint: 'fp_test',
    },
  };
}

/** SSE chunks the way the API streams them: a role chunk, content deltas, a finish chunk, a usage chunk, [DONE]. */
export function openAiStream(pieces: readonly string[]): ScriptedReply {
  const base = { id: 'chatcmpl-test2', object: 'chat.completion.chunk', created: 1763632800, model: 'gpt-5.4-mini-2026-03-17' };
  return {
    sse: [
      { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] } },
      ...pieces.map((content) => ({ data: { ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] } })),
      { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] } },
      { data: { ...base, choices: [], usage: { prompt_tokens: 700, completion_tokens: 90, total_tokens: 790 } } },
      { data: '[DONE]' },
    ],
  };
}

export function openAiError(status: number, message: string, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers, json: { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', param: null, code: null } } };
}

import { startLoopbackServer, type LoopbackServer, type ScriptedReply } from './loopback-server.js';

/** Ollama's /api/chat over loopback; OLLAMA_HOST is the origin. */
export async function startFakeOllamaServer(script: readonly ScriptedReply[]): Promise<LoopbackServer> {
  return startLoopbackServer(script);
}

const final = { done: true, done_reason: 'stop', total_duration: 4_210_000_000, load_duration: 12_000_000, prompt_eval_count: 1024, prompt_eval_duration: 900_000_000, eval_count: 256, eval_duration: 3_100_000_000 };

export function ollamaChat(content: string, model = 'llama3.1'): ScriptedReply {
  return { json: { model, created_at: '2026-11-20T10:00:01.123Z', message: { role: 'assistant', content }, ...final } };
}

/** NDJSON: one line per token group, then the `done: true` line with counts. */
export function ollamaStream(pieces: readonly string[], model = 'deepseek-r1:32b'): ScriptedReply {
  return {
    ndjson: [
      ...pieces.map((content, i) => ({ model, created_at: `2026-11-20T10:00:0${Math.min(i, 9)}.000Z`, message: { role: 'assistant', content }, done: false })),
      { model, created_at: '2026-11-20T10:00:10.000Z', message: { role: 'assistant', content: '' }, ...final },
    ],
  };
}

export function ollamaError(status: number, message: string): ScriptedReply {
  return { status, json: { error: message } };
}

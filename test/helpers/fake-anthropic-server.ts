import { startLoopbackServer, type LoopbackServer, type ScriptedReply } from './loopback-server.js';

/** Anthropic messages over loopback; the SDK's baseURL is the origin (it appends /v1/messages). */
export async function startFakeAnthropicServer(script: readonly ScriptedReply[]): Promise<LoopbackServer> {
  return startLoopbackServer(script);
}

const usage = { input_tokens: 900, output_tokens: 210, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

export function anthropicToolMessage(input: unknown, options: { thinking?: string; toolName?: string } = {}): ScriptedReply {
  return {
    json: {
      id: 'msg_test1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [
        ...(options.thinking ? [{ type: 'thinking', thinking: options.thinking, signature: 'c2lnbmF0dXJl' }] : []),
        { type: 'tool_use', id: 'toolu_test1', name: options.toolName ?? 'report_diagnosis', input },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage,
    },
  };
}

export function anthropicTextMessage(text: string): ScriptedReply {
  return {
    json: { id: 'msg_test2', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage },
  };
}

/** The event sequence of a streamed answer: an optional thinking block, then a text or tool_use block. */
export function anthropicStream(options: { thinking?: string[]; text?: string[]; toolJson?: string[] }): ScriptedReply {
  const events: { event: string; data: unknown }[] = [
    {
      event: 'message_start',
      data: { type: 'message_start', message: { id: 'msg_test3', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 640, output_tokens: 1 } } },
    },
  ];
  let index = 0;
  if (options.thinking) {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } } });
    for (const piece of options.thinking) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } } });
    events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'c2ln' } } });
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
    index++;
  }
  if (options.text) {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } } });
    for (const piece of options.text) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } } });
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
    index++;
  }
  if (options.toolJson) {
    events.push({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: 'toolu_test2', name: 'report_diagnosis', input: {} } } });
    for (const piece of options.toolJson) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } } });
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  }
  events.push({ event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: options.toolJson ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 188 } } });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return { sse: events };
}

export function anthropicError(status: number, type: string, message: string, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers, json: { type: 'error', error: { type, message } } };
}

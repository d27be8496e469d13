import { startLoopbackServer, type LoopbackServer, type RecordedRequest, type ScriptedReply } from './loopback-server.js';

/** Signatures this fake puts on thinking blocks; a thinking block sent back must carry one unchanged. */
export const ISSUED_SIGNATURES = new Set(['c2lnbmF0dXJl', 'c2ln']);

export function anthropicError(status: number, type: string, message: string, headers: Record<string, string> = {}): ScriptedReply {
  return { status, headers, json: { type: 'error', error: { type, message }, request_id: 'req_test' } };
}

const invalid = (message: string): ScriptedReply => anthropicError(400, 'invalid_request_error', message);

interface Block {
  type?: unknown;
  id?: unknown;
  tool_use_id?: unknown;
  signature?: unknown;
  text?: unknown;
}
interface Turn {
  role?: unknown;
  content?: unknown;
}

const blocksOf = (turn: Turn): Block[] => (Array.isArray(turn.content) ? (turn.content as Block[]) : typeof turn.content === 'string' ? [{ type: 'text', text: turn.content }] : []);
const isEmpty = (turn: Turn): boolean => (typeof turn.content === 'string' ? turn.content.length === 0 : !Array.isArray(turn.content) || turn.content.length === 0);

/** Models that refuse a fixed thinking budget and only think adaptively (Opus 4.7+, the 5-series). */
const adaptiveOnly = (model: string): boolean => /claude-opus-4-[78]|claude-(opus|sonnet)-5/.test(model);

function checkThinking(body: Record<string, unknown>): string | undefined {
  const thinking = body.thinking as { type?: unknown; budget_tokens?: unknown } | undefined;
  if (thinking === undefined || thinking.type === 'disabled') return undefined;
  if (thinking.type === 'enabled' && adaptiveOnly(String(body.model))) return '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.';
  if (thinking.type === 'enabled') {
    if (typeof thinking.budget_tokens !== 'number' || !Number.isInteger(thinking.budget_tokens)) return 'thinking.enabled.budget_tokens: Field required';
    if (thinking.budget_tokens < 1024) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
    if (typeof body.max_tokens === 'number' && body.max_tokens <= thinking.budget_tokens) return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
  } else if (thinking.type !== 'adaptive') return `thinking.type: Input tag '${String(thinking.type)}' found using 'type' does not match any of the expected tags: 'disabled', 'enabled', 'adaptive'`;
  if (body.temperature !== undefined && body.temperature !== 1) return '`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility';
  if (body.top_k !== undefined) return '`top_k` is not supported when thinking is enabled.';
  if (typeof body.top_p === 'number' && (body.top_p < 0.95 || body.top_p > 1)) return '`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled.';
  const choice = (body.tool_choice as { type?: unknown } | undefined)?.type;
  if (choice === 'any' || choice === 'tool') return 'Thinking may not be enabled when tool_choice forces tool use.';
  return undefined;
}

function checkTools(body: Record<string, unknown>): string | undefined {
  const tools = body.tools === undefined ? [] : body.tools;
  if (!Array.isArray(tools)) return 'tools: Input should be a valid list';
  const names = new Set<string>();
  for (const [i, tool] of (tools as { name?: unknown; input_schema?: { type?: unknown } }[]).entries()) {
    if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name)) return `tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
    if (tool.input_schema?.type !== 'object') return `tools.${i}.custom.input_schema.type: Input should be 'object'`;
    names.add(tool.name);
  }
  const choice = body.tool_choice as { type?: unknown; name?: unknown } | undefined;
  if (choice && choice.type !== 'none' && names.size === 0) return 'tool_choice may only be specified while providing tools.';
  if (choice?.type === 'tool' && !names.has(String(choice.name))) return `tool_choice.tool.name: Tool '${String(choice.name)}' not found in provided tools`;
  return undefined;
}

function checkMessages(body: Record<string, unknown>): string | undefined {
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  const turns = body.messages as Turn[];
  for (const [i, turn] of turns.entries()) {
    if (turn.role !== 'user' && turn.role !== 'assistant') {
      return `messages.${i}.role: Input should be 'user' or 'assistant'${turn.role === 'system' ? '. The Messages API takes the system prompt as the top-level `system` parameter, not as a message role.' : ''}`;
    }
    if (isEmpty(turn) && !(i === turns.length - 1 && turn.role === 'assistant')) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    for (const [j, block] of blocksOf(turn).entries()) {
      if ((block.type === 'thinking' || block.type === 'redacted_thinking') && turn.role !== 'assistant') return `messages.${i}.content.${j}: thinking blocks may only appear in assistant messages`;
      if (block.type === 'thinking' && (typeof block.signature !== 'string' || !ISSUED_SIGNATURES.has(block.signature))) return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
      if (block.type === 'text' && block.text === '') return `messages.${i}.content.${j}.text: text content blocks must be non-empty`;
    }
    const uses = blocksOf(turn).filter((b) => b.type === 'tool_use').map((b) => String(b.id));
    const next = turns[i + 1];
    const results = next ? blocksOf(next).filter((b) => b.type === 'tool_result').map((b) => String(b.tool_use_id)) : [];
    const missing = uses.filter((id) => !results.includes(id));
    if (turn.role === 'assistant' && next && missing.length > 0) return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    const own = blocksOf(turn).filter((b) => b.type === 'tool_result').map((b) => String(b.tool_use_id));
    const previous = turns[i - 1];
    const known = previous ? blocksOf(previous).filter((b) => b.type === 'tool_use').map((b) => String(b.id)) : [];
    const stray = own.filter((id) => !known.includes(id));
    if (stray.length > 0) return `messages.${i}.content.0: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
  }
  const thinkingType = (body.thinking as { type?: unknown } | undefined)?.type;
  const thinkingOn = thinkingType === 'enabled' || thinkingType === 'adaptive';
  const last = turns[turns.length - 1];
  const loopAssistant = last && blocksOf(last).some((b) => b.type === 'tool_result') ? turns.length - 2 : last?.role === 'assistant' ? turns.length - 1 : -1;
  const first = loopAssistant >= 0 ? blocksOf(turns[loopAssistant] ?? {})[0] : undefined;
  if (thinkingOn && first && first.type !== 'thinking' && first.type !== 'redacted_thinking') {
    return `messages.${loopAssistant}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first.type)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`.`;
  }
  return undefined;
}

/** What the Messages API refuses before generating anything, as the API words it. */
export function checkAnthropicRequest(request: RecordedRequest): ScriptedReply | undefined {
  if (request.method !== 'POST' || request.path.split('?')[0] !== '/v1/messages') return anthropicError(404, 'not_found_error', `Not Found: ${request.path}`);
  if (!request.headers['x-api-key'] && !request.headers.authorization) return anthropicError(401, 'authentication_error', 'x-api-key header is required');
  if (!request.headers['anthropic-version']) return invalid('anthropic-version: header is required');
  const body = request.body;
  if (typeof body.model !== 'string' || body.model === '') return invalid('model: Field required');
  if (body.max_tokens === undefined) return invalid('max_tokens: Field required');
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) return invalid('max_tokens: Input should be greater than or equal to 1');
  if (typeof body.temperature === 'number' && (body.temperature < 0 || body.temperature > 1)) return invalid('temperature: Input should be less than or equal to 1');
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) return invalid('system: Input should be a valid string or a list of text blocks');
  const problem = checkMessages(body) ?? checkTools(body) ?? checkThinking(body);
  return problem === undefined ? undefined : invalid(problem);
}

/** Anthropic messages over loopback, refusing what the real API refuses; the SDK's baseURL is the origin. */
export async function startFakeAnthropicServer(script: readonly ScriptedReply[]): Promise<LoopbackServer> {
  return startLoopbackServer(script, { validate: checkAnthropicRequest });
}

const usage = { input_tokens: 900, output_tokens: 210, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

/** A Message with the given content blocks and stop_reason (refusal, max_tokens, an empty content array…). */
export function anthropicMessage(content: unknown[], stopReason: string | null = 'end_turn'): ScriptedReply {
  return { json: { id: 'msg_test0', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content, stop_reason: stopReason, stop_sequence: null, usage } };
}

export function anthropicToolMessage(input: unknown, options: { thinking?: string; toolName?: string; stopReason?: string } = {}): ScriptedReply {
  return anthropicMessage(
    [
      ...(options.thinking ? [{ type: 'thinking', thinking: options.thinking, signature: 'c2lnbmF0dXJl' }] : []),
      { type: 'tool_use', id: 'toolu_test1', name: options.toolName ?? 'report_diagnosis', input },
    ],
    options.stopReason ?? 'tool_use',
  );
}

export function anthropicTextMessage(text: string): ScriptedReply {
  return anthropicMessage([{ type: 'text', text }]);
}

/**
 * The event sequence of a streamed answer: message_start, a ping, an optional thinking block,
 * then a text or tool_use block. `errorAfterStart` ends the stream with an `error` event instead,
 * as the API does when it overloads mid-answer.
 */
export function anthropicStream(options: { thinking?: string[]; text?: string[]; toolJson?: string[]; stopReason?: string; errorAfterStart?: { type: string; message: string } }): ScriptedReply {
  const events: { event: string; data: unknown }[] = [
    {
      event: 'message_start',
      data: { type: 'message_start', message: { id: 'msg_test3', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 640, output_tokens: 1 } } },
    },
    { event: 'ping', data: { type: 'ping' } },
  ];
  if (options.errorAfterStart) return { sse: [...events, { event: 'error', data: { type: 'error', error: options.errorAfterStart } }] };
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
    events.push({ event: 'ping', data: { type: 'ping' } });
    for (const piece of options.toolJson) events.push({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } } });
    events.push({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  }
  const stopReason = options.stopReason ?? (options.toolJson ? 'tool_use' : 'end_turn');
  events.push({ event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 188 } } });
  events.push({ event: 'message_stop', data: { type: 'message_stop' } });
  return { sse: events };
}

import { describe, expect, it } from 'vitest';
import { loadLlmConfig } from '../../src/config/llm-config.js';
import { createModelRegistry } from '../../src/llm/default-registry.js';
import { ProviderCallError } from '../../src/llm/provider-error.js';
import { wantsAdaptiveThinking } from '../../src/llm/providers/anthropic.js';
import { explainDiagnosis, type ExplainSettings } from '../../src/pipeline/explain.js';
import { anthropicError, anthropicMessage, anthropicStream, anthropicToolMessage, startFakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';
import { llmAnswer, loadCaseWithSecrets, rulesDiagnosis } from './explain-fixture.js';

const servers = closeServersAfterEach();
const noSleep = async (): Promise<void> => {};
const schema = { type: 'object', properties: { category: { type: 'string' } }, required: ['category'], additionalProperties: false };
const structuredOutput = { name: 'report_diagnosis', description: 'Report the diagnosis', schema };
const messages = [
  { role: 'system' as const, content: 'You are a Kubernetes troubleshooter. Answer in JSON.' },
  { role: 'user' as const, content: 'Why does pod web crash?' },
];

async function anthropic(script: Parameters<typeof startFakeAnthropicServer>[0]) {
  const server = await startFakeAnthropicServer(script);
  servers.push(server);
  return { server, registry: createModelRegistry({ anthropic: { apiKey: 'sk-ant-test', baseUrl: server.origin, sleep: noSleep, maxRetries: 2 } }) };
}

function settings(overrides: Partial<ExplainSettings> = {}): ExplainSettings {
  const { config } = loadLlmConfig({ llm: 'anthropic' }, { ANTHROPIC_API_KEY: 'k' });
  return { ...config, ...overrides };
}

/** A case the router sends to the reasoning model (extended thinking). */
function hardCase() {
  const snapshot = loadCaseWithSecrets();
  return { snapshot, diagnosis: rulesDiagnosis(snapshot, { findings: [], confidence: 0.2, category: 'unknown' }), question: 'why does it crash? and why only since 08:00?' };
}

async function post(origin: string, body: Record<string, unknown>, headers: Record<string, string> = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }) {
  const response = await fetch(`${origin}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { type: string; error: { type: string; message: string } } };
}

describe('the strict Anthropic fake refuses what the Messages API refuses', () => {
  const base = { model: 'claude-sonnet-4-6', max_tokens: 3000, messages: [{ role: 'user', content: 'hi' }] };
  it.each([
    ['a forced tool with thinking', { ...base, thinking: { type: 'enabled', budget_tokens: 2048 }, tools: [{ name: 't', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 't' } }, /tool_choice forces tool use/],
    ['tool_choice any with thinking', { ...base, thinking: { type: 'enabled', budget_tokens: 2048 }, tools: [{ name: 't', input_schema: { type: 'object' } }], tool_choice: { type: 'any' } }, /tool_choice forces tool use/],
    ['temperature 0 with thinking', { ...base, thinking: { type: 'enabled', budget_tokens: 2048 }, temperature: 0 }, /temperature` may only be set to 1/],
    ['top_k with thinking', { ...base, thinking: { type: 'enabled', budget_tokens: 2048 }, top_k: 5 }, /top_k/],
    ['a thinking budget under 1024', { ...base, thinking: { type: 'enabled', budget_tokens: 512 } }, /greater than or equal to 1024/],
    ['max_tokens not above the budget', { ...base, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 2048 } }, /max_tokens` must be greater than `thinking.budget_tokens/],
    ['no max_tokens', { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] }, /max_tokens: Field required/],
    ['a system message in messages', { ...base, messages: [{ role: 'system', content: 'x' }, { role: 'user', content: 'hi' }] }, /top-level `system`/],
    ['an empty assistant turn', { ...base, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: '' }, { role: 'user', content: 'again' }] }, /non-empty content/],
    ['a tool_use left without its tool_result', { ...base, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: {} }] }, { role: 'user', content: 'again' }] }, /without `tool_result` blocks/],
    ['a thinking block whose signature was changed', { ...base, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'thinking', thinking: 'x', signature: 'forged' }, { type: 'text', text: 'a' }] }, { role: 'user', content: 'again' }] }, /Invalid `signature`/],
  ])('%s', async (_name, body, message) => {
    const { server } = await anthropic([anthropicMessage([{ type: 'text', text: 'ok' }])]);
    const reply = await post(server.origin, body);
    expect(reply.status).toBe(400);
    expect(reply.body.type).toBe('error');
    expect(reply.body.error.type).toBe('invalid_request_error');
    expect(reply.body.error.message).toMatch(message);
  });

  it('a tool loop with thinking must send the thinking block back first, and the anthropic-version header is required', async () => {
    const { server } = await anthropic([anthropicMessage([{ type: 'text', text: 'ok' }])]);
    const loop = [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: {} }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'bad' }] }];
    const tools = [{ name: 't', input_schema: { type: 'object' } }];
    expect((await post(server.origin, { ...base, thinking: { type: 'enabled', budget_tokens: 2048 }, tools, messages: loop })).body.error.message).toMatch(/must start with a thinking block/);
    expect((await post(server.origin, base, { 'x-api-key': 'k' })).body.error.message).toMatch(/anthropic-version/);
    expect((await post(server.origin, base)).status).toBe(200);
  });
});

describe('the Anthropic provider sends only what the API accepts', () => {
  it('reasoning route: thinking with tool_choice auto, no temperature, max_tokens above the budget', async () => {
    const { server, registry } = await anthropic([anthropicToolMessage({ category: 'oom-killed' }, { thinking: 'Exit 137.' })]);
    const result = await registry.languageModel('anthropic:claude-sonnet-4-6').generate({ messages, structuredOutput, reasoning: true, temperature: 0, maxOutputTokens: 1, providerOptions: { anthropic: { top_k: 3 } } });
    expect(server.rejections).toEqual([]);
    const body = server.requests[0]?.body;
    expect(body?.tool_choice).toEqual({ type: 'auto' });
    expect(body?.temperature).toBeUndefined();
    expect(body?.top_k).toBeUndefined();
    expect(body?.max_tokens).toBeGreaterThan((body?.thinking as { budget_tokens: number }).budget_tokens);
    expect(result.object).toEqual({ category: 'oom-killed' });
  });

  it('a repair on the reasoning route sends the thinking block (signature unchanged) and tool_use back, answered by an error tool_result', async () => {
    const { snapshot, diagnosis, question } = hardCase();
    const { server, registry } = await anthropic([
      anthropicToolMessage(llmAnswer({ category: 'not-a-category' }), { thinking: 'The last Caused by is the root.' }),
      anthropicToolMessage(llmAnswer(), { thinking: 'Fixing the category.' }),
    ]);
    const result = await explainDiagnosis({ snapshot, diagnosis, question }, { registry }, settings());
    expect(server.rejections.map((r) => JSON.stringify(r.reply.json))).toEqual([]);
    const second = server.requests[1]?.body.messages as { role: string; content: { type: string; signature?: string; tool_use_id?: string; is_error?: boolean; content?: string }[] }[];
    const assistant = second[second.length - 2];
    expect(assistant?.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(assistant?.content[0]?.signature).toBe('c2lnbmF0dXJl');
    const repair = second[second.length - 1]?.content[0];
    expect(repair).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_test1', is_error: true });
    expect(repair?.content).toMatch(/category/);
    expect(result.diagnosis.llm?.calls).toBe(2);
    expect(result.diagnosis.category).toBe('missing-dependency');
  });

  it('a streamed repair passes the streamed thinking signature and tool input back too', async () => {
    const { snapshot, diagnosis, question } = hardCase();
    const good = JSON.stringify(llmAnswer());
    const { server, registry } = await anthropic([anthropicStream({ thinking: ['Look at ', 'the events.'], toolJson: ['{"categ', 'ory":"nope"}'] }), anthropicStream({ thinking: ['Again.'], toolJson: [good.slice(0, 40), good.slice(40)] })]);
    const result = await explainDiagnosis({ snapshot, diagnosis, question }, { registry }, settings(), { onText: () => {} });
    expect(server.rejections).toEqual([]);
    const second = server.requests[1]?.body.messages as { role: string; content: { type: string; signature?: string; thinking?: string; input?: unknown }[] }[];
    expect(second[second.length - 2]?.content).toEqual([
      { type: 'thinking', thinking: 'Look at the events.', signature: 'c2ln' },
      { type: 'tool_use', id: 'toolu_test2', name: 'report_diagnosis', input: { category: 'nope' } },
    ]);
    expect(result.diagnosis.llm?.thinking).toContain('Look at the events.');
    expect(result.diagnosis.category).toBe('missing-dependency');
  });

  it('an empty content array is repaired without sending an empty assistant turn', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await anthropic([anthropicMessage([], 'end_turn'), anthropicToolMessage(llmAnswer())]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings({ alwaysLlm: true }));
    expect(server.rejections).toEqual([]);
    expect(server.requests).toHaveLength(2);
    expect(result.diagnosis.llm?.calls).toBe(2);
  });

  it('a refusal gives the deterministic diagnosis at once, with the reason', async () => {
    const snapshot = loadCaseWithSecrets();
    const rules = rulesDiagnosis(snapshot);
    const { server, registry } = await anthropic([anthropicMessage([{ type: 'text', text: 'I cannot help with that.' }], 'refusal')]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rules }, { registry }, settings({ alwaysLlm: true }));
    expect(server.requests).toHaveLength(1);
    expect(result.diagnosis.category).toBe(rules.category);
    expect(result.diagnosis.notes?.join(' ')).toMatch(/declined to answer/);
    expect(result.warnings.map((w) => w.message).join(' ')).toMatch(/refusal/);
  });

  it('a tool input cut off at max_tokens is asked again, shorter, without the cut-off turn', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await anthropic([anthropicStream({ toolJson: ['{"category":"missing-dep'], stopReason: 'max_tokens' }), anthropicStream({ toolJson: [JSON.stringify(llmAnswer())] })]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings({ alwaysLlm: true }), { onText: () => {} });
    expect(server.rejections).toEqual([]);
    const second = server.requests[1]?.body.messages as { role: string; content: unknown }[];
    expect(second.map((m) => m.role)).toEqual(['user']);
    expect(JSON.stringify(second[0]?.content)).toMatch(/cut off at the output token limit/);
    expect(result.diagnosis.llm?.calls).toBe(2);
  });

  it('an unknown stop_reason still yields the answer', async () => {
    const snapshot = loadCaseWithSecrets();
    const { registry } = await anthropic([anthropicToolMessage(llmAnswer({ confidence: 0.88 }), { stopReason: 'some_future_reason' })]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings({ alwaysLlm: true }));
    expect(result.diagnosis.llm?.calls).toBe(1);
    expect(result.diagnosis.findings.some((f) => f.title === llmAnswer().title)).toBe(true);
  });

  it('retries an overloaded_error event that arrives inside a 200 stream (after ping events)', async () => {
    const { server, registry } = await anthropic([anthropicStream({ errorAfterStart: { type: 'overloaded_error', message: 'Overloaded' } }), anthropicStream({ text: ['{"category":"oom-killed"}'] })]);
    const result = await registry.languageModel('anthropic:claude-haiku-4-5').generate({ messages, onText: () => {} });
    expect(server.requests).toHaveLength(2);
    expect(result.text).toBe('{"category":"oom-killed"}');
  });

  it('a mid-stream invalid_request_error is not retried', async () => {
    const { server, registry } = await anthropic([anthropicStream({ errorAfterStart: { type: 'invalid_request_error', message: 'bad' } })]);
    const failure = await registry.languageModel('anthropic:claude-haiku-4-5').generate({ messages, onText: () => {} }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderCallError);
    expect(server.requests).toHaveLength(1);
  });

  it('a model without extended thinking is asked again without it, with the tool forced, and says so', async () => {
    const { server, registry } = await anthropic([anthropicError(400, 'invalid_request_error', "'claude-3-5-haiku-20241022' does not support thinking."), anthropicToolMessage({ category: 'app-crash' })]);
    const result = await registry.languageModel('anthropic:claude-3-5-haiku-20241022').generate({ messages, structuredOutput, reasoning: true });
    expect(server.requests[1]?.body.thinking).toBeUndefined();
    expect(server.requests[1]?.body.tool_choice).toEqual({ type: 'tool', name: 'report_diagnosis' });
    expect(result.object).toEqual({ category: 'app-crash' });
    expect(result.warnings.map((w) => w.feature)).toContain('thinking');
  });

  it('models that refuse a fixed budget think adaptively: by name, or after the API says to', async () => {
    expect(['claude-opus-4-7', 'claude-opus-4-6-20260115', 'claude-sonnet-5', 'claude-opus-5-1'].filter(wantsAdaptiveThinking)).toHaveLength(4);
    expect(['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-4-1-20250805', 'claude-3-7-sonnet-20250219'].some(wantsAdaptiveThinking)).toBe(false);
    const byName = await anthropic([anthropicToolMessage({ category: 'oom-killed' }, { thinking: 'x' })]);
    await byName.registry.languageModel('anthropic:claude-opus-4-7').generate({ messages, structuredOutput, reasoning: true });
    expect(byName.server.rejections).toEqual([]);
    expect(byName.server.requests[0]?.body.thinking).toEqual({ type: 'adaptive' });
    const told = await anthropic([anthropicError(400, 'invalid_request_error', '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive".'), anthropicToolMessage({ category: 'oom-killed' })]);
    const result = await told.registry.languageModel('anthropic:claude-fable-1').generate({ messages, structuredOutput, reasoning: true });
    expect(told.server.requests.map((r) => (r.body.thinking as { type: string }).type)).toEqual(['enabled', 'adaptive']);
    expect(told.server.requests[1]?.body.tool_choice).toEqual({ type: 'auto' });
    expect(result.object).toEqual({ category: 'oom-killed' });
  });

  it('the strict fake refuses a fixed budget for an adaptive-only model', async () => {
    const { server } = await anthropic([anthropicMessage([{ type: 'text', text: 'ok' }])]);
    const reply = await post(server.origin, { model: 'claude-opus-4-8', max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.body.error.message).toMatch(/thinking.type.adaptive/);
  });
});

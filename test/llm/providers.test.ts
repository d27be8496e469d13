import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../../src/llm/default-registry.js';
import { CallCancelledError, ProviderCallError } from '../../src/llm/provider-error.js';
import { anthropicError, anthropicStream, anthropicToolMessage, startFakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { ollamaChat, ollamaError, ollamaStream, startFakeOllamaServer } from '../helpers/fake-ollama-server.js';
import { openAiCompletion, openAiError, openAiStream, startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';

const schema = { type: 'object', properties: { category: { type: 'string' } }, required: ['category'], additionalProperties: false };
const structuredOutput = { name: 'report_diagnosis', description: 'Report the diagnosis', schema };
const messages = [
  { role: 'system' as const, content: 'You are a Kubernetes troubleshooter.' },
  { role: 'user' as const, content: 'Why does pod web crash?' },
];

const servers = closeServersAfterEach();

const sleeps: number[] = [];
const noSleep = async (ms: number): Promise<void> => {
  sleeps.push(ms);
};

describe('openai through the real SDK', () => {
  it('sends the routed model, the messages and a strict json_schema response_format (max_tokens to a compatible server)', async () => {
    const server = await startFakeOpenAiServer([openAiCompletion('{"category":"oom-killed"}')]);
    servers.push(server);
    const model = createModelRegistry({ openai: { apiKey: 'sk-test', baseUrl: server.baseUrl } }).languageModel('openai:gpt-4.1-mini');
    const result = await model.generate({ messages, structuredOutput, maxOutputTokens: 500, temperature: 0 });
    const sent = server.requests[0];
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer sk-test');
    expect(sent?.body.model).toBe('gpt-4.1-mini');
    expect(sent?.body.messages).toEqual(messages);
    expect(sent?.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'report_diagnosis', description: 'Report the diagnosis', schema, strict: true } });
    // A base URL other than api.openai.com may be an older server that only knows max_tokens.
    expect(sent?.body.max_tokens).toBe(500);
    expect(sent?.body.max_completion_tokens).toBeUndefined();
    expect(server.rejections).toEqual([]);
    expect(result.text).toBe('{"category":"oom-killed"}');
    expect(result.usage).toEqual({ input: 812, output: 164 });
    expect(result.finishReason).toBe('stop');
  });

  it('streams SSE deltas to onText and reads usage from the final chunk', async () => {
    const server = await startFakeOpenAiServer([openAiStream(['The pod ', 'ran out ', 'of memory.'])]);
    servers.push(server);
    const model = createModelRegistry({ openai: { apiKey: 'sk-test', baseUrl: server.baseUrl } }).languageModel('openai:gpt-4.1-mini');
    const deltas: string[] = [];
    const result = await model.generate({ messages, onText: (d) => deltas.push(d) });
    expect(server.requests[0]?.body.stream).toBe(true);
    expect(deltas).toEqual(['The pod ', 'ran out ', 'of memory.']);
    expect(result.text).toBe('The pod ran out of memory.');
    expect(result.usage).toEqual({ input: 700, output: 90 });
  });

  it('uses developer messages and reasoning_effort for a reasoning model, and keeps reasoning_content apart', async () => {
    const server = await startFakeOpenAiServer([openAiCompletion('answer', { reasoning_content: 'first I look at exit codes' })]);
    servers.push(server);
    const model = createModelRegistry({ openai: { baseUrl: server.baseUrl } }).languageModel('openai:o4-mini');
    const result = await model.generate({ messages, reasoning: true, temperature: 0.2 });
    const body = server.requests[0]?.body;
    expect((body?.messages as { role: string }[])[0]?.role).toBe('developer');
    expect(body?.reasoning_effort).toBe('medium');
    expect(body?.temperature).toBeUndefined();
    expect(server.rejections).toEqual([]);
    expect(result.warnings.map((w) => w.feature)).toContain('temperature');
    expect(result.thinking).toBe('first I look at exit codes');
    expect(result.text).toBe('answer');
  });

  it('retries a 429 after the server-given retry-after, then succeeds', async () => {
    sleeps.length = 0;
    const server = await startFakeOpenAiServer([openAiError(429, 'Rate limit reached', { 'retry-after': '3' }), openAiCompletion('ok')]);
    servers.push(server);
    const model = createModelRegistry({ openai: { apiKey: 'k', baseUrl: server.baseUrl, sleep: noSleep } }).languageModel('openai:gpt-4.1-mini');
    const result = await model.generate({ messages });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
    expect(result.text).toBe('ok');
  });

  it('gives up on repeated 500s with a retryable ProviderError after maxRetries', async () => {
    const server = await startFakeOpenAiServer([openAiError(500, 'internal')]);
    servers.push(server);
    const model = createModelRegistry({ openai: { apiKey: 'k', baseUrl: server.baseUrl, maxRetries: 2, sleep: noSleep } }).languageModel('openai:gpt-4.1-mini');
    const failure = await model.generate({ messages }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderCallError);
    expect((failure as ProviderCallError).statusCode).toBe(500);
    expect(server.requests).toHaveLength(3);
  });

  it('turns a hung server into a timeout error instead of hanging', async () => {
    const server = await startFakeOpenAiServer([{ hang: true }]);
    servers.push(server);
    const model = createModelRegistry({ openai: { apiKey: 'k', baseUrl: server.baseUrl, timeoutMs: 300, maxRetries: 0 } }).languageModel('openai:gpt-4.1-mini');
    const started = Date.now();
    const failure = await model.generate({ messages }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderCallError);
    expect(String((failure as Error).message)).toMatch(/did not answer within/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops at once when the caller aborts (Ctrl-C) and does not retry', async () => {
    const server = await startFakeOpenAiServer([{ hang: true }]);
    servers.push(server);
    const model = createModelRegistry({ openai: { apiKey: 'k', baseUrl: server.baseUrl, timeoutMs: 10_000 } }).languageModel('openai:gpt-4.1-mini');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const failure = await model.generate({ messages, abortSignal: controller.signal }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CallCancelledError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('anthropic through the real SDK', () => {
  it('asks for the answer through a tool, with extended thinking on the reasoning route', async () => {
    const server = await startFakeAnthropicServer([anthropicToolMessage({ category: 'oom-killed' }, { thinking: 'Exit code 137 and OOMKilled.' })]);
    servers.push(server);
    const model = createModelRegistry({ anthropic: { apiKey: 'sk-ant-test', baseUrl: server.origin } }).languageModel('anthropic:claude-sonnet-4-6');
    const result = await model.generate({ messages, structuredOutput, reasoning: true, maxOutputTokens: 1000 });
    const sent = server.requests[0];
    expect(sent?.path).toBe('/v1/messages');
    // This SDK line sends the key as a bearer token; older ones used x-api-key.
    expect(`${sent?.headers['x-api-key'] ?? ''} ${sent?.headers.authorization ?? ''}`).toContain('sk-ant-test');
    expect(sent?.headers['anthropic-version']).toBeDefined();
    expect(sent?.body.system).toBe('You are a Kubernetes troubleshooter.');
    expect(sent?.body.messages).toEqual([{ role: 'user', content: 'Why does pod web crash?' }]);
    expect(sent?.body.tools).toEqual([{ name: 'report_diagnosis', description: 'Report the diagnosis', input_schema: schema }]);
    expect(sent?.body.tool_choice).toEqual({ type: 'auto' });
    expect(sent?.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(sent?.body.max_tokens).toBe(3048);
    expect(result.object).toEqual({ category: 'oom-killed' });
    expect(result.thinking).toBe('Exit code 137 and OOMKilled.');
    expect(result.finishReason).toBe('tool-calls');
  });

  it('forces the tool when not thinking', async () => {
    const server = await startFakeAnthropicServer([anthropicToolMessage({ category: 'app-crash' })]);
    servers.push(server);
    const model = createModelRegistry({ anthropic: { apiKey: 'k', baseUrl: server.origin } }).languageModel('anthropic:claude-haiku-4-5');
    await model.generate({ messages, structuredOutput });
    expect(server.requests[0]?.body.tool_choice).toEqual({ type: 'tool', name: 'report_diagnosis' });
    expect(server.requests[0]?.body.thinking).toBeUndefined();
  });

  it('accumulates a streamed answer: thinking_delta, text_delta and input_json_delta events', async () => {
    const server = await startFakeAnthropicServer([anthropicStream({ thinking: ['Look at ', 'the events.'], text: ['Checking.'], toolJson: ['{"categ', 'ory":"pvc-unbound"}'] })]);
    servers.push(server);
    const model = createModelRegistry({ anthropic: { apiKey: 'k', baseUrl: server.origin } }).languageModel('anthropic:claude-sonnet-4-6');
    const deltas: string[] = [];
    const result = await model.generate({ messages, structuredOutput, reasoning: true, onText: (d) => deltas.push(d) });
    expect(server.requests[0]?.body.stream).toBe(true);
    expect(deltas).toEqual(['Checking.']);
    expect(result.thinking).toBe('Look at the events.');
    expect(result.text).toBe('{"category":"pvc-unbound"}');
    expect(result.usage).toEqual({ input: 640, output: 188 });
  });

  it('reports an overloaded (529) server as a retryable provider error', async () => {
    const server = await startFakeAnthropicServer([anthropicError(529, 'overloaded_error', 'Overloaded')]);
    servers.push(server);
    const model = createModelRegistry({ anthropic: { apiKey: 'k', baseUrl: server.origin, maxRetries: 1, sleep: noSleep } }).languageModel('anthropic:claude-haiku-4-5');
    const failure = await model.generate({ messages }).catch((e: unknown) => e);
    expect((failure as ProviderCallError).isRetryable).toBe(true);
    expect(server.requests).toHaveLength(2);
  });
});

describe('ollama through the real client', () => {
  it('sends the JSON schema as `format` and num_predict, and reads the counts', async () => {
    const server = await startFakeOllamaServer([ollamaChat('{"category":"image-not-found"}')]);
    servers.push(server);
    const model = createModelRegistry({ ollama: { baseUrl: server.origin } }).languageModel('ollama:llama3.1');
    const result = await model.generate({ messages, structuredOutput, maxOutputTokens: 400 });
    const sent = server.requests[0];
    expect(sent?.path).toBe('/api/chat');
    expect(sent?.body.model).toBe('llama3.1');
    expect(sent?.body.format).toEqual(schema);
    expect(sent?.body.stream).toBe(false);
    expect(sent?.body.options).toEqual({ num_predict: 400 });
    expect(result.text).toBe('{"category":"image-not-found"}');
    expect(result.usage).toEqual({ input: 1024, output: 256 });
  });

  it('streams NDJSON and moves deepseek-r1 <think> sections to thinking', async () => {
    const server = await startFakeOllamaServer([ollamaStream(['<think>The scheduler says ', 'Insufficient cpu.</think>', '{"category":', '"insufficient-resources"}'])]);
    servers.push(server);
    const model = createModelRegistry({ ollama: { baseUrl: server.origin } }).languageModel('ollama:deepseek-r1:32b');
    const deltas: string[] = [];
    const result = await model.generate({ messages, onText: (d) => deltas.push(d) });
    expect(server.requests[0]?.body.model).toBe('deepseek-r1:32b');
    expect(server.requests[0]?.body.stream).toBe(true);
    expect(deltas.length).toBe(4);
    expect(result.thinking).toBe('The scheduler says Insufficient cpu.');
    expect(result.text).toBe('{"category":"insufficient-resources"}');
  });

  it('maps a missing model (404) to a non-retryable provider error', async () => {
    const server = await startFakeOllamaServer([ollamaError(404, 'model "llama9" not found, try pulling it first')]);
    servers.push(server);
    const model = createModelRegistry({ ollama: { baseUrl: server.origin, sleep: noSleep } }).languageModel('ollama:llama9');
    const failure = await model.generate({ messages }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ProviderCallError);
    expect((failure as ProviderCallError).statusCode).toBe(404);
    expect(String((failure as Error).message)).toContain('run `ollama pull llama9`');
    expect(String((failure as Error).message)).not.toContain('\n');
    expect(server.requests).toHaveLength(1);
  });
});

describe('model registry', () => {
  it('rejects an unknown provider and lists the available ones', () => {
    expect(() => createModelRegistry({}).languageModel('gemini:pro')).toThrow(/Available providers: openai, anthropic, ollama, fake/);
  });
  it('keeps colons that belong to an Ollama tag', () => {
    expect(createModelRegistry({}).languageModel('ollama:deepseek-r1:32b').modelId).toBe('deepseek-r1:32b');
  });
});

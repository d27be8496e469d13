import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadLlmConfig } from '../../src/config/llm-config.js';
import { createModelRegistry } from '../../src/llm/default-registry.js';
import { toStrictJsonSchema } from '../../src/llm/providers/openai/to-strict-json-schema.js';
import { explainDiagnosis, type ExplainSettings } from '../../src/pipeline/explain.js';
import { llmAnswerJsonSchema } from '../../src/prompt/llm-answer-schema.js';
import { openAiCompletion, openAiError, openAiStream, startFakeOpenAiServer, strictSchemaProblem, type OpenAiFakeOptions } from '../helpers/fake-openai-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';
import { llmAnswer, loadCaseWithSecrets, rulesDiagnosis } from './explain-fixture.js';

const servers = closeServersAfterEach();
const sleeps: number[] = [];
const noSleep = async (ms: number): Promise<void> => {
  sleeps.push(ms);
};
const messages = [
  { role: 'system' as const, content: 'You are a Kubernetes troubleshooter. Reply in JSON.' },
  { role: 'user' as const, content: 'Why does pod web crash?' },
];

async function openAi(script: Parameters<typeof startFakeOpenAiServer>[0], options: OpenAiFakeOptions = {}) {
  const server = await startFakeOpenAiServer(script, options);
  servers.push(server);
  return { server, registry: createModelRegistry({ openai: { apiKey: 'sk-test', baseUrl: server.baseUrl, sleep: noSleep, maxRetries: 2 } }) };
}

function settings(overrides: Partial<ExplainSettings> = {}): ExplainSettings {
  const { config } = loadLlmConfig({ llm: 'openai' }, { OPENAI_API_KEY: 'sk-test' });
  return { ...config, alwaysLlm: true, ...overrides };
}

describe('OpenAI Structured Outputs strict mode', () => {
  it('the zod answer schema as z.toJSONSchema emits it is refused by strict mode (minLength)', () => {
    expect(strictSchemaProblem(llmAnswerJsonSchema())).toMatch(/'minLength' is not permitted/);
  });

  it('the converted answer schema passes strict mode and still carries the enums and descriptions', () => {
    const strict = toStrictJsonSchema(llmAnswerJsonSchema());
    expect(strictSchemaProblem(strict)).toBeUndefined();
    const properties = strict?.properties as Record<string, { enum?: string[]; description?: string }>;
    expect(properties.category?.enum).toContain('oom-killed');
    expect(properties.confidence?.description).toMatch(/Between 0 and 1/);
  });

  it('optional fields become required and nullable at every level; a free-keyed map has no strict form', () => {
    const schema = z.toJSONSchema(z.object({ name: z.string(), note: z.string().optional(), items: z.array(z.object({ id: z.number(), tag: z.enum(['a', 'b']).optional() })) })) as Record<string, unknown>;
    const strict = toStrictJsonSchema(schema) as { required: string[]; properties: { note: { type: unknown }; items: { items: { required: string[]; properties: { tag: { enum: unknown[] } } } } } };
    expect(strictSchemaProblem(strict)).toBeUndefined();
    expect(strict.required).toEqual(['name', 'note', 'items']);
    expect(strict.properties.note.type).toEqual(['string', 'null']);
    expect(strict.properties.items.items.required).toEqual(['id', 'tag']);
    expect(strict.properties.items.items.properties.tag.enum).toContain(null);
    expect(toStrictJsonSchema(z.toJSONSchema(z.object({ labels: z.record(z.string(), z.string()) })) as Record<string, unknown>)).toBeUndefined();
  });

  it('explain gets its answer from one json_schema call (no silent downgrade to json_object)', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer()))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings());
    expect(server.rejections.map((r) => JSON.stringify(r.reply.json))).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
    expect(result.warnings).toEqual([]);
    expect(result.diagnosis.llm?.calls).toBe(1);
  });
});

describe('OpenAI reasoning models and compatible servers', () => {
  it('the strict fake refuses max_tokens and temperature 0 for reasoning models, reasoning_effort for others, json_object without "json"', async () => {
    const { server } = await openAi([openAiCompletion('ok')]);
    const post = async (body: Record<string, unknown>) => {
      const response = await fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, error: ((await response.json()) as { error?: { message: string; param: string | null; code: string | null } }).error };
    };
    const user = [{ role: 'user', content: 'hi' }];
    expect(await post({ model: 'o4-mini', messages: user, max_tokens: 10 })).toMatchObject({ status: 400, error: { param: 'max_tokens', code: 'unsupported_parameter' } });
    expect(await post({ model: 'gpt-5.4-mini', messages: user, temperature: 0 })).toMatchObject({ status: 400, error: { param: 'temperature', code: 'unsupported_value' } });
    expect(await post({ model: 'gpt-4.1-mini', messages: user, reasoning_effort: 'low' })).toMatchObject({ status: 400, error: { param: 'reasoning_effort' } });
    expect(await post({ model: 'gpt-4.1-mini', messages: user, response_format: { type: 'json_object' } })).toMatchObject({ status: 400, error: { param: 'messages' } });
    expect(await post({ model: 'gpt-4.1-mini', messages: user, stream_options: { include_usage: true } })).toMatchObject({ status: 400, error: { param: 'stream_options' } });
    expect(await post({ model: 'gpt-4.1-mini', messages: user, max_tokens: 10, temperature: 0 })).toMatchObject({ status: 200 });
  });

  it('explain on the reasoning route: developer message, max_completion_tokens with room for reasoning, no temperature', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer()))]);
    const rules = rulesDiagnosis(snapshot, { findings: [], confidence: 0.2, category: 'unknown' });
    const result = await explainDiagnosis({ snapshot, diagnosis: rules, question: 'why does it crash? and why only since 08:00?' }, { registry }, settings());
    expect(server.rejections).toEqual([]);
    const body = server.requests[0]?.body;
    expect(body?.model).toBe('o4-mini');
    expect((body?.messages as { role: string }[])[0]?.role).toBe('developer');
    expect(body?.max_completion_tokens).toBeGreaterThan(2048);
    expect(body).not.toHaveProperty('temperature');
    expect(result.warnings).toEqual([]);
    expect(result.diagnosis.llm?.route).toBe('reasoning');
  });

  it('o1-mini takes neither system nor developer messages: instructions ride in the first user message', async () => {
    const { server, registry } = await openAi([openAiCompletion('{"category":"app-crash"}')]);
    await registry.languageModel('openai:o1-mini').generate({ messages });
    expect(server.rejections).toEqual([]);
    const sent = server.requests[0]?.body.messages as { role: string; content: string }[];
    expect(sent.map((m) => m.role)).toEqual(['user']);
    expect(sent[0]?.content).toMatch(/^You are a Kubernetes troubleshooter[\s\S]*Why does pod web crash\?$/);
  });

  it('a compatible server that only knows max_tokens: refused max_completion_tokens and reasoning_effort are adjusted, with warnings', async () => {
    const { server, registry } = await openAi([openAiCompletion('{"category":"app-crash"}')], { dialect: 'legacy' });
    const result = await registry.languageModel('openai:o3-mini-distill').generate({ messages: messages.slice(1), maxOutputTokens: 300 });
    const sent = server.requests.map((r) => Object.keys(r.body).filter((k) => k.startsWith('max_') || k === 'reasoning_effort'));
    expect(sent).toEqual([['max_completion_tokens', 'reasoning_effort'], ['max_tokens', 'reasoning_effort'], ['max_tokens']]);
    expect(result.text).toBe('{"category":"app-crash"}');
    expect(result.warnings.map((w) => w.feature)).toEqual(['max_completion_tokens', 'reasoning_effort']);
  });

  it('a server that refuses temperature for a model we did not know as a reasoning model gets the call again without it', async () => {
    const { server, registry } = await openAi([openAiError(400, "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.", {}, { param: 'temperature', code: 'unsupported_value' }), openAiCompletion('fine')]);
    const result = await registry.languageModel('openai:future-thinker').generate({ messages, temperature: 0 });
    expect(server.requests[1]?.body).not.toHaveProperty('temperature');
    expect(server.requests[1]?.body.response_format).toBeUndefined();
    expect(result.text).toBe('fine');
  });

  it('json_object is skipped when no message says JSON (the API would refuse it)', async () => {
    const { server, registry } = await openAi([openAiError(400, "Unrecognized response_format type 'json_schema'"), openAiCompletion('{"category":"x"}')]);
    const schema = { type: 'object', properties: { category: { type: 'string' } }, required: ['category'], additionalProperties: false };
    await registry.languageModel('openai:gpt-4.1-mini').generate({ messages: [{ role: 'user', content: 'Why does pod web crash?' }], structuredOutput: { name: 'report', description: 'd', schema } });
    expect(server.requests.map((r) => (r.body.response_format as { type?: string } | undefined)?.type)).toEqual(['json_schema', undefined]);
    expect(server.rejections).toEqual([]);
  });

  it('waits retry-after-ms (it wins over retry-after) on a 429', async () => {
    sleeps.length = 0;
    const { registry } = await openAi([openAiError(429, 'Rate limit reached', { 'retry-after-ms': '1500', 'retry-after': '9' }), openAiCompletion('ok')]);
    await registry.languageModel('openai:gpt-4.1-mini').generate({ messages });
    expect(sleeps).toEqual([1500]);
  });
});

describe('every OpenAI answer ends in a diagnosis', () => {
  it('a structured-output refusal falls back at once with the reason', async () => {
    const snapshot = loadCaseWithSecrets();
    const rules = rulesDiagnosis(snapshot);
    const { server, registry } = await openAi([openAiCompletion(null, { refusal: "I'm sorry, I can't help with that." })]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rules }, { registry }, settings());
    expect(server.requests).toHaveLength(1);
    expect(result.diagnosis.category).toBe(rules.category);
    expect(result.diagnosis.notes?.join(' ')).toMatch(/declined to answer/);
  });

  it('JSON cut off by finish_reason "length" is asked again, shorter', async () => {
    const snapshot = loadCaseWithSecrets();
    const full = JSON.stringify(llmAnswer());
    const { server, registry } = await openAi([openAiStream([full.slice(0, 60)], { finishReason: 'length' }), openAiStream([full])]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings(), { onText: () => {} });
    expect(server.rejections).toEqual([]);
    const second = server.requests[1]?.body.messages as { role: string; content: string }[];
    expect(second[second.length - 1]?.content).toMatch(/cut off at the output token limit/);
    expect(second.some((m) => m.role === 'assistant')).toBe(false);
    expect(result.diagnosis.llm?.calls).toBe(2);
  });

  it('an unknown finish_reason with a valid answer is used as is', async () => {
    const snapshot = loadCaseWithSecrets();
    const { registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer()), { finish_reason: 'something_new' })]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings());
    expect(result.diagnosis.llm?.calls).toBe(1);
  });

  it('an empty answer (content null, reasoning used the whole cap) falls back to the rules after one repair', async () => {
    const snapshot = loadCaseWithSecrets();
    const rules = rulesDiagnosis(snapshot);
    const { server, registry } = await openAi([openAiCompletion(null, { finish_reason: 'length' })]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rules }, { registry }, settings());
    expect(server.rejections).toEqual([]);
    expect(server.requests).toHaveLength(2);
    expect(result.diagnosis.category).toBe(rules.category);
    expect(result.diagnosis.notes?.join(' ')).toMatch(/LLM not used/);
  });
});

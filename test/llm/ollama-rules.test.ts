import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadLlmConfig } from '../../src/config/llm-config.js';
import { createModelRegistry } from '../../src/llm/default-registry.js';
import { ProviderCallError } from '../../src/llm/provider-error.js';
import { explainDiagnosis, type ExplainSettings } from '../../src/pipeline/explain.js';
import { ollamaChat, ollamaStream, startFakeOllamaServer, type OllamaFakeOptions } from '../helpers/fake-ollama-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';
import { llmAnswer, loadCaseWithSecrets, rulesDiagnosis } from './explain-fixture.js';

const servers = closeServersAfterEach();
const noSleep = async (): Promise<void> => {};
const schema = { type: 'object', properties: { category: { type: 'string' } }, required: ['category'], additionalProperties: false };
const structuredOutput = { name: 'report_diagnosis', description: 'Report the diagnosis', schema };
const messages = [{ role: 'user' as const, content: 'Why does pod web crash? Answer in JSON.' }];

async function ollama(script: Parameters<typeof startFakeOllamaServer>[0], options: OllamaFakeOptions = {}) {
  const server = await startFakeOllamaServer(script, options);
  servers.push(server);
  return { server, registry: createModelRegistry({ ollama: { baseUrl: server.origin, sleep: noSleep, maxRetries: 1 } }) };
}

function settings(overrides: Partial<ExplainSettings> = {}): ExplainSettings {
  const { config } = loadLlmConfig({ llm: 'ollama' }, { OLLAMA_HOST: 'http://127.0.0.1:1' });
  return { ...config, alwaysLlm: true, ...overrides };
}

describe('Ollama /api/chat rules', () => {
  it('the reasoning route sends think: true with the schema format, and keeps message.thinking apart', async () => {
    const { server, registry } = await ollama([ollamaStream(['{"category":', '"pvc-unbound"}'], 'deepseek-r1:32b', { thinking: ['The claim ', 'is Pending.'] })]);
    const deltas: string[] = [];
    const result = await registry.languageModel('ollama:deepseek-r1:32b').generate({ messages, structuredOutput, reasoning: true, maxOutputTokens: 700.6, onText: (d) => deltas.push(d) });
    expect(server.rejections).toEqual([]);
    expect(server.requests[0]?.body).toMatchObject({ think: true, format: schema, stream: true, options: { num_predict: 700 } });
    expect(result.thinking).toBe('The claim is Pending.');
    expect(result.text).toBe('{"category":"pvc-unbound"}');
    expect(deltas.join('')).toBe('{"category":"pvc-unbound"}');
    expect(result.usage).toEqual({ input: 1024, output: 256 });
  });

  it('a model without the thinking capability: the 400 drops think, keeps the JSON-schema format, and warns', async () => {
    const { server, registry } = await ollama([ollamaChat('{"category":"app-crash"}')]);
    const result = await registry.languageModel('ollama:llama3.1').generate({ messages, structuredOutput, reasoning: true });
    expect(server.rejections.map((r) => (r.reply.json as { error: string }).error)).toEqual(['"llama3.1" does not support thinking']);
    expect(server.requests[1]?.body.think).toBeUndefined();
    expect(server.requests[1]?.body.format).toEqual(schema);
    expect(result.text).toBe('{"category":"app-crash"}');
    expect(result.warnings.map((w) => w.feature)).toEqual(['think']);
  });

  it('the simple route never sends think', async () => {
    const { server, registry } = await ollama([ollamaChat('{"category":"app-crash"}')]);
    await registry.languageModel('ollama:llama3.1').generate({ messages, structuredOutput });
    expect(server.requests[0]?.body).not.toHaveProperty('think');
  });

  it('a model that is not pulled: one line that says to run ollama pull', async () => {
    const { server, registry } = await ollama([ollamaChat('x')], { models: ['llama3.1:latest'] });
    const failure = await registry.languageModel('ollama:qwen3:8b').generate({ messages }).catch((e: unknown) => e);
    expect(server.rejections[0]?.reply.json).toEqual({ error: 'model "qwen3:8b" not found, try pulling it first' });
    expect(failure).toBeInstanceOf(ProviderCallError);
    expect((failure as Error).message).toBe(`Ollama at ${server.origin} does not have the model "qwen3:8b": run \`ollama pull qwen3:8b\`, or pick another with --model ollama:<model>.`);
    expect(server.requests).toHaveLength(1);
  });

  it('nothing listening: one line that says to start ollama serve or set OLLAMA_HOST', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const registry = createModelRegistry({ ollama: { baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 } });
    const failure = await registry.languageModel('ollama:llama3.1').generate({ messages }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/^Cannot reach Ollama at http:\/\/127\.0\.0\.1:\d+: start it with `ollama serve`, or set OLLAMA_HOST/);
  });

  it('an error line in the middle of the NDJSON stream ends in the rules diagnosis with the reason', async () => {
    const snapshot = loadCaseWithSecrets();
    const rules = rulesDiagnosis(snapshot);
    const { registry } = await ollama([ollamaStream(['{"cat'], 'llama3.1', { errorAfter: 'an error was encountered while running the model: unexpected EOF' })]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rules }, { registry }, settings(), { onText: () => {} });
    expect(result.diagnosis.category).toBe(rules.category);
    expect(result.diagnosis.notes?.join(' ')).toMatch(/LLM not used: .*unexpected EOF/);
  });

  it('JSON cut off by done_reason "length" is asked again, shorter, and answered', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await ollama([ollamaChat('{"category":"missing-depend', 'llama3.1', { doneReason: 'length' }), ollamaChat(JSON.stringify(llmAnswer()))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings());
    expect(server.rejections).toEqual([]);
    const second = server.requests[1]?.body.messages as { role: string; content: string }[];
    expect(second[second.length - 1]?.content).toMatch(/cut off at the output token limit/);
    expect(result.diagnosis.llm?.calls).toBe(2);
  });

  it('a reasoning-route explain over deepseek-r1 records the thinking from message.thinking', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await ollama([ollamaChat(JSON.stringify(llmAnswer()), 'deepseek-r1:32b', { thinking: 'Caused by chain ends at ConnectException.' })]);
    const rules = rulesDiagnosis(snapshot, { findings: [], confidence: 0.2, category: 'unknown' });
    const result = await explainDiagnosis({ snapshot, diagnosis: rules, question: 'why does it crash? and why only since 08:00?' }, { registry }, settings());
    expect(server.rejections).toEqual([]);
    expect(server.requests[0]?.body).toMatchObject({ model: 'deepseek-r1:32b', think: true });
    expect(server.requests[0]?.body).not.toHaveProperty('options.temperature');
    expect(result.diagnosis.llm?.thinking).toBe('Caused by chain ends at ConnectException.');
  });
});

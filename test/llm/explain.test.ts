import { describe, expect, it } from 'vitest';
import { loadLlmConfig } from '../../src/config/llm-config.js';
import { createModelRegistry } from '../../src/llm/default-registry.js';
import { explainDiagnosis, type ExplainSettings } from '../../src/pipeline/explain.js';
import { anthropicToolMessage, startFakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { ollamaChat, startFakeOllamaServer } from '../helpers/fake-ollama-server.js';
import { openAiCompletion, openAiError, startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { closeServersAfterEach, RecordedRequest } from '../helpers/loopback-server.js';
import { INJECTION, llmAnswer, loadCaseWithSecrets, PLANTED_SECRETS, rulesDiagnosis } from './explain-fixture.js';

const servers = closeServersAfterEach();
const noSleep = async (): Promise<void> => {};

function settings(provider: string, overrides: Partial<ExplainSettings> = {}): ExplainSettings {
  const { config } = loadLlmConfig({ llm: provider }, { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'k', OLLAMA_HOST: 'http://127.0.0.1:1' });
  return { ...config, ...overrides };
}

async function openAi(script: Parameters<typeof startFakeOpenAiServer>[0], timeoutMs = 5000) {
  const server = await startFakeOpenAiServer(script);
  servers.push(server);
  return { server, registry: createModelRegistry({ openai: { apiKey: 'sk-test', baseUrl: server.baseUrl, sleep: noSleep, timeoutMs, maxRetries: 2 } }) };
}

function sentText(request: RecordedRequest | undefined): string {
  return JSON.stringify(request?.body.messages ?? request?.body);
}

describe('explain stage over the real OpenAI SDK', () => {
  it('sends the routed model, the answer schema and every prompt section, with secrets redacted and the injection fenced', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer()))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot), patterns: ['Pattern crashloopbackoff: a container that keeps exiting.'], passages: [{ id: 'crashloop#1', title: 'Debug CrashLoopBackOff', source: 'docs-corpus/crashloop.md', text: 'Check the previous logs.' }] }, { registry }, settings('openai'));
    const body = server.requests[0]?.body;
    expect(body?.model).toBe('gpt-5.4-mini');
    const format = body?.response_format as { json_schema: { schema: { properties: Record<string, { enum?: string[] }> } } };
    expect(format.json_schema.schema.properties.category?.enum).toContain('oom-killed');
    const text = sentText(server.requests[0]);
    for (const section of ['## Target and status', '## Findings from the rules', '## Events timeline', '## Filtered logs', '## Relevant spec excerpts', '## Matched patterns', '## Retrieved documents', '[doc:crashloop#1]', '## Draft answer from the rules']) expect(text).toContain(section);
    for (const secret of PLANTED_SECRETS) expect(text).not.toContain(secret);
    const user = (body?.messages as { content: string }[]).at(-1)?.content ?? '';
    const injectionAt = user.indexOf(INJECTION);
    expect(injectionAt).toBeGreaterThan(-1);
    expect(user.lastIndexOf('<untrusted-data kind="log"', injectionAt)).toBeGreaterThan(-1);
    expect(user.indexOf('</untrusted-data>', injectionAt)).toBeGreaterThan(injectionAt);
    expect(result.diagnosis.category).toBe('missing-dependency');
    expect(result.diagnosis.llm).toMatchObject({ provider: 'openai', model: 'gpt-5.4-mini', route: 'simple', tokens: { input: 812, output: 164 }, groundingRate: 1 });
    expect(typeof result.diagnosis.llm?.cost).toBe('number');
    expect(result.diagnosis.summary).toContain('PostgreSQL');
  });

  it('keeps the rules\' category when the model obeys the injected line and answers healthy', async () => {
    const snapshot = loadCaseWithSecrets();
    const { registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer({ category: 'healthy', severity: 'info', confidence: 1 })))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('openai'));
    expect(result.diagnosis.category).toBe('missing-dependency');
    expect(result.diagnosis.status).toBe('failing');
    expect(result.diagnosis.notes?.join(' ')).toContain('kept missing-dependency');
  });

  it('retries a 429 and still answers', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await openAi([openAiError(429, 'slow down', { 'retry-after': '1' }), openAiCompletion(JSON.stringify(llmAnswer()))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('openai'));
    expect(server.requests).toHaveLength(2);
    expect(result.diagnosis.llm).not.toBeNull();
  });

  it('falls back to the deterministic diagnosis with a warning when the server keeps failing', async () => {
    const snapshot = loadCaseWithSecrets();
    const { registry } = await openAi([openAiError(500, 'boom')]);
    const rules = rulesDiagnosis(snapshot);
    const result = await explainDiagnosis({ snapshot, diagnosis: rules }, { registry }, settings('openai'));
    expect(result.diagnosis.category).toBe(rules.category);
    expect(result.diagnosis.llm).toBeNull();
    expect(result.warnings[0]?.message).toMatch(/HTTP 500/);
  });

  it('falls back when the server hangs past the timeout', async () => {
    const snapshot = loadCaseWithSecrets();
    const { registry } = await openAi([{ hang: true }], 300);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('openai'));
    expect(result.diagnosis.llm).toBeNull();
    expect(result.diagnosis.notes?.join(' ')).toMatch(/did not answer within/);
  });

  it('repairs malformed JSON once by sending the validation error back', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await openAi([openAiCompletion('{"category": "missing-dependency", '), openAiCompletion(JSON.stringify(llmAnswer()))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('openai'));
    expect(server.requests).toHaveLength(2);
    expect(sentText(server.requests[1])).toContain('not usable');
    expect(result.diagnosis.llm?.calls).toBe(2);
  });

  it('gives the deterministic diagnosis with a note when the answer breaks the schema twice', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer({ category: 'disk-full' })))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('openai'));
    expect(server.requests).toHaveLength(2);
    expect(sentText(server.requests[1])).toContain('category');
    expect(result.diagnosis.llm).toBeNull();
    expect(result.diagnosis.notes?.join(' ')).toMatch(/did not match the schema twice/);
  });

  it('drops evidence the snapshot does not contain and reports the grounding rate', async () => {
    const snapshot = loadCaseWithSecrets();
    const invented = llmAnswer({ evidence: [{ source: 'log', text: 'Caused by: java.net.ConnectException: Connection refused' }, { source: 'event', text: 'FailedMount: secret orders-tls not found' }] });
    const { registry } = await openAi([openAiCompletion(JSON.stringify(invented))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('openai'));
    expect(result.diagnosis.llm?.groundingRate).toBe(0.5);
    expect(JSON.stringify(result.diagnosis.findings)).not.toContain('orders-tls');
    expect(result.diagnosis.notes?.join(' ')).toContain('orders-tls');
  });

  it('makes no call for --show-prompt, a healthy target, or confident rules', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer()))]);
    const shown = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('openai', { showPrompt: true }));
    expect(shown.prompt?.at(-1)?.content).toContain('## Filtered logs');
    const healthy = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot, { status: 'healthy', category: 'healthy', findings: [] }) }, { registry }, settings('openai', { alwaysLlm: true }));
    expect(healthy.calls).toBe(0);
    const confident = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot, { confidence: 0.95 }) }, { registry }, settings('openai'));
    expect(confident.calls).toBe(0);
    expect(server.requests).toHaveLength(0);
    const forced = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot, { confidence: 0.95 }) }, { registry }, settings('openai', { alwaysLlm: true }));
    expect(forced.calls).toBe(1);
  });

  it('skips the call when --max-cost would be exceeded', async () => {
    const snapshot = loadCaseWithSecrets();
    const { server, registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer()))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('openai', { maxCost: 0.000001 }));
    expect(server.requests).toHaveLength(0);
    expect(result.diagnosis.notes?.join(' ')).toMatch(/--max-cost/);
  });
});

describe('explain stage over Anthropic and Ollama', () => {
  it('routes a hard case to the reasoning model with thinking, and records the trace', async () => {
    const snapshot = loadCaseWithSecrets();
    const server = await startFakeAnthropicServer([anthropicToolMessage(llmAnswer(), { thinking: 'The last Caused by is the root.' })]);
    servers.push(server);
    const registry = createModelRegistry({ anthropic: { apiKey: 'k', baseUrl: server.origin } });
    const rules = rulesDiagnosis(snapshot, { findings: [], confidence: 0.2, category: 'unknown' });
    const result = await explainDiagnosis({ snapshot, diagnosis: rules, question: 'why does it crash? and why only since 08:00?' }, { registry }, settings('anthropic'));
    expect(server.requests[0]?.body.model).toBe('claude-sonnet-4-6');
    expect(server.requests[0]?.body.thinking).toBeDefined();
    expect(result.diagnosis.llm).toMatchObject({ route: 'reasoning', thinking: 'The last Caused by is the root.' });
    expect(result.diagnosis.llm?.complexity).toBeGreaterThan(0.7);
    expect(result.diagnosis.category).toBe('missing-dependency');
  });

  it('with --anonymize sends pseudonyms to Ollama and maps them back in the answer', async () => {
    const snapshot = loadCaseWithSecrets();
    const answer = llmAnswer({ summary: 'pod-1 in ns-1 cannot reach its database.' });
    const server = await startFakeOllamaServer([ollamaChat(JSON.stringify(answer))]);
    servers.push(server);
    const registry = createModelRegistry({ ollama: { baseUrl: server.origin } });
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings('ollama', { anonymize: true }));
    const text = sentText(server.requests[0]);
    expect(server.requests[0]?.body.model).toBe('llama3.1');
    expect(server.requests[0]?.body.format).toMatchObject({ type: 'object' });
    expect(text).not.toContain('orders-service-7f5b9c6d48-zx2kc');
    expect(text).not.toContain('worker-node-04');
    expect(text).not.toContain('harbor.acme.internal/orders/orders-service:3.8.0');
    expect(text).toContain('pod-1');
    expect(result.diagnosis.summary).toBe('orders-service-7f5b9c6d48-zx2kc in orders cannot reach its database.');
  });

  it('keeps OOMKilled when the model says app-crash without a reason', async () => {
    const snapshot = loadCaseWithSecrets();
    const oom = rulesDiagnosis(snapshot, {
      category: 'oom-killed',
      confidence: 0.8,
      findings: [{ category: 'oom-killed', severity: 'critical', container: 'orders-service', title: 'OOMKilled', rootCause: 'memory limit', evidence: [{ source: 'status', text: 'Reason: OOMKilled, Exit Code: 137' }], fixes: [], detectors: ['oom-killed'], patterns: [], confidence: 0.8 }],
    });
    const { registry } = await openAi([openAiCompletion(JSON.stringify(llmAnswer({ category: 'app-crash' })))]);
    const result = await explainDiagnosis({ snapshot, diagnosis: oom }, { registry }, settings('openai'));
    expect(result.diagnosis.category).toBe('oom-killed');
    expect(result.diagnosis.notes?.join(' ')).toMatch(/kept oom-killed/);
  });
});

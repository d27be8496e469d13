import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/domain/categories.js';
import { loadLlmConfig } from '../../src/config/llm-config.js';
import { createModelRegistry } from '../../src/llm/default-registry.js';
import { explainDiagnosis, type ExplainSettings } from '../../src/pipeline/explain.js';
import { llmAnswerSchema } from '../../src/prompt/llm-answer-schema.js';
import { loadDefaultExamples, parseWorkedExamples, selectExamples, type WorkedExample } from '../../src/prompt/worked-examples.js';
import { openAiCompletion, startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';
import { llmAnswer, loadCaseWithSecrets, rulesDiagnosis } from './explain-fixture.js';

const servers = closeServersAfterEach();

function settings(promptMode: ExplainSettings['promptMode']): ExplainSettings {
  const { config } = loadLlmConfig({ llm: 'openai', alwaysLlm: true }, { OPENAI_API_KEY: 'sk-test' });
  return { ...config, promptMode };
}

describe('shipped worked examples', () => {
  const examples = loadDefaultExamples();

  it('cover every failure category with answers in the exact answer schema, quoting only their own data', () => {
    const covered = new Set(examples.map((e) => e.category));
    for (const category of CATEGORIES.filter((c) => c !== 'healthy' && c !== 'unknown')) expect(covered, category).toContain(category);
    for (const example of examples) {
      expect(llmAnswerSchema.safeParse(example.answer).success, example.id).toBe(true);
      expect(example.answer.evidence.length, example.id).toBeGreaterThan(0);
      for (const quote of example.answer.evidence) expect(example.case, example.id).toContain(quote.text);
    }
  });

  it('rejects a file whose answer names an unknown category, naming the field', () => {
    const bad = { examples: [{ id: 'x', category: 'disk-full', container: null, lines: [{ source: 'event', text: 'x' }], severity: 'critical', title: 't', summary: 's', rootCause: 'r', fixes: [{ description: 'd', command: null }], confidence: 0.5 }] };
    expect(() => parseWorkedExamples(bad, 'bad.json')).toThrow(/bad\.json: examples\[0\]\.category/);
  });
});

describe('choosing examples', () => {
  const snapshot = loadCaseWithSecrets();
  const diagnosis = rulesDiagnosis(snapshot);
  const pool = loadDefaultExamples();

  it('shows none, one or three; the same category comes first and the others are near it', () => {
    expect(selectExamples(pool, { mode: 'zero-shot', category: 'missing-dependency', snapshot, diagnosis })).toEqual([]);
    const one = selectExamples(pool, { mode: 'one-shot', category: 'missing-dependency', snapshot, diagnosis });
    expect(one.map((e) => e.category)).toEqual(['missing-dependency']);
    const three = selectExamples(pool, { mode: 'few-shot', category: 'missing-dependency', snapshot, diagnosis });
    expect(three).toHaveLength(3);
    expect(three[0]?.category).toBe('missing-dependency');
    // Crash-like neighbours, never a scheduling or image example, for a crashing app.
    for (const e of three.slice(1)) expect(['app-crash', 'config-error', 'liveness-probe-failure', 'readiness-probe-failure', 'oom-killed', 'command-error', 'init-container-failure']).toContain(e.category);
  });

  it('with no rule to go on, picks by the wording of the evidence', () => {
    const pulling = structuredClone(snapshot);
    pulling.logs = [];
    pulling.events = [{ ...snapshot.events[0]!, type: 'Warning', reason: 'Failed', message: 'Failed to pull image "quay.io/team/app:9": unexpected status from GET request to https://quay.io/v2/auth: 401 Unauthorized, failed to authorize' }];
    const unknown = rulesDiagnosis(pulling, { category: 'unknown', findings: [] });
    const [first] = selectExamples(pool, { mode: 'one-shot', category: 'unknown', snapshot: pulling, diagnosis: unknown });
    expect(first?.category).toBe('image-pull-auth');
  });

  it('never shows an example built from the snapshot being diagnosed', () => {
    const own: WorkedExample = { id: 'own', category: 'missing-dependency', case: 'log: Caused by: java.net.ConnectException: Connection refused', quotes: ['Caused by: java.net.ConnectException: Connection refused'], answer: llmAnswerSchema.parse(llmAnswer()) };
    const picked = selectExamples([own, ...pool], { mode: 'few-shot', category: 'missing-dependency', snapshot, diagnosis });
    expect(picked.map((e) => e.id)).not.toContain('own');
    expect(picked).toHaveLength(3);
  });
});

describe('prompt modes over the real OpenAI SDK', () => {
  async function sentFor(mode: ExplainSettings['promptMode']): Promise<{ system: string; all: string }> {
    const server = await startFakeOpenAiServer([openAiCompletion(JSON.stringify(llmAnswer()))]);
    servers.push(server);
    const registry = createModelRegistry({ openai: { apiKey: 'sk-test', baseUrl: server.baseUrl, timeoutMs: 5000 } });
    const snapshot = loadCaseWithSecrets();
    const result = await explainDiagnosis({ snapshot, diagnosis: rulesDiagnosis(snapshot) }, { registry }, settings(mode));
    expect(result.diagnosis.llm).not.toBeNull();
    const messages = server.requests[0]?.body.messages as { role: string; content: string }[];
    return { system: messages.find((m) => m.role === 'system' || m.role === 'developer')?.content ?? '', all: messages.map((m) => m.content).join('\n') };
  }

  it('zero-shot sends no example, one-shot one, few-shot three, each in its own section before the fenced data', async () => {
    const zero = await sentFor('zero-shot');
    const one = await sentFor('one-shot');
    const few = await sentFor('few-shot');
    expect(zero.all).not.toContain('## Worked examples');
    expect(one.all.match(/### Example \d/g)).toHaveLength(1);
    expect(few.all.match(/### Example \d/g)).toHaveLength(3);
    expect(new Set([zero.all, one.all, few.all]).size).toBe(3);
    for (const sent of [one, few]) {
      const rules = sent.all.indexOf('Rules:');
      const examples = sent.all.indexOf('## Worked examples');
      const firstFence = sent.all.indexOf('<untrusted-data kind=');
      expect(rules).toBeGreaterThan(-1);
      expect(examples).toBeGreaterThan(rules);
      expect(firstFence).toBeGreaterThan(examples);
      // The example answers are in the answer schema, so the model sees the exact shape it must return.
      const answerLine = sent.system.split('\n').find((l) => l.startsWith('{"category"')) ?? '';
      expect(llmAnswerSchema.safeParse(JSON.parse(answerLine)).success).toBe(true);
    }
  });
});

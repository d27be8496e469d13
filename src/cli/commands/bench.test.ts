import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo, globalsFor } from '../../../test/helpers/capture-io.js';
import { openAiCompletion, startFakeOpenAiServer } from '../../../test/helpers/fake-openai-server.js';
import { standardScenarioSet, writeScenarioDir } from '../../../test/helpers/scenario-dir.js';
import { run } from './bench.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sdiag-bench-cli-'));
  writeScenarioDir(standardScenarioSet(), join(work, 'scenarios'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

interface JsonReport {
  techniques: { technique: string; notRun: string | null; repeats: number; metrics: { accuracy: number; tokensIn: number; tokensOut: number; costUsd: number | null; routes: Record<string, number>; cases: number } | null }[];
  comparison?: { technique: string; metric: string; verdict: string }[];
}

describe('k8sdiag bench (offline)', () => {
  it('prints a JSON report, writes the HTML report, and never fakes LLM techniques', async () => {
    const io = captureIo({ K8SDIAG_CACHE_DIR: join(work, 'cache'), K8SDIAG_EMBEDDER: 'lexical' }, work);
    expect(await run({ scenarios: 'scenarios', report: 'report.html' }, globalsFor({ output: 'json' }), io)).toBe(0);
    const report = JSON.parse(io.stdout()) as JsonReport;
    expect(report.techniques.map((t) => t.technique)).toEqual(['rules', 'zero-shot', 'one-shot', 'few-shot', 'rag', 'hyde', 'rag+rerank', 'fine-tuned']);
    for (const t of report.techniques) {
      if (['zero-shot', 'one-shot', 'few-shot', 'fine-tuned'].includes(t.technique)) expect(t).toMatchObject({ notRun: 'not run: no provider', metrics: null });
      else expect(t.metrics?.cases).toBe(5);
    }
    // Retrieval techniques really retrieved: the OOM scenarios got documents tagged oom-killed.
    for (const technique of ['rag', 'hyde', 'rag+rerank']) {
      const recall = (report.techniques.find((t) => t.technique === technique)?.metrics as { retrievalRecallAtK: number | null } | undefined)?.retrievalRecallAtK;
      expect(recall).toBeGreaterThan(0);
    }
    expect((report.techniques[0]?.metrics as { retrievalRecallAtK: number | null } | undefined)?.retrievalRecallAtK).toBeNull();
    const html = readFileSync(join(work, 'report.html'), 'utf8');
    expect(html.match(/<svg\b/g)).toHaveLength(4);
  });

  it('--compare reports the change per metric against a previous JSON report', async () => {
    const first = captureIo({}, work);
    await run({ scenarios: 'scenarios', technique: ['rules'] }, globalsFor({ output: 'json' }), first);
    const previous = JSON.parse(first.stdout()) as JsonReport;
    const rules = previous.techniques[0];
    if (rules?.metrics) rules.metrics.accuracy = 0.5;
    writeFileSync(join(work, 'prev.json'), JSON.stringify(previous));
    const second = captureIo({}, work);
    await run({ scenarios: 'scenarios', technique: ['rules'], compare: 'prev.json' }, globalsFor({ output: 'json' }), second);
    expect((JSON.parse(second.stdout()) as JsonReport).comparison).toContainEqual(expect.objectContaining({ technique: 'rules', metric: 'accuracy', verdict: 'better' }));
    const text = captureIo({}, work);
    await run({ scenarios: 'scenarios', technique: ['rules'], compare: 'prev.json' }, globalsFor(), text);
    expect(text.stdout()).toMatch(/rules\s+accuracy\s+50\.0%\s+100\.0%\s+▲ better/);
  });

  it('rejects unknown techniques and bad numbers with one line', async () => {
    await expect(run({ scenarios: 'scenarios', technique: ['rag', 'magic'] }, globalsFor(), captureIo({}, work))).rejects.toThrow(/^unknown technique "magic"; use one of: rules, zero-shot/);
    await expect(run({ scenarios: 'scenarios', repeat: '0' }, globalsFor(), captureIo({}, work))).rejects.toThrow(/^--repeat must be a whole number of at least 1/);
    await expect(run({ scenarios: 'scenarios', compare: 'missing.json' }, globalsFor(), captureIo({}, work))).rejects.toThrow(/missing\.json: cannot read a previous bench report/);
  });

  it('says fine-tuned needs a model name even when a provider is configured', async () => {
    const io = captureIo({ OLLAMA_HOST: '127.0.0.1:9' }, work);
    await run({ scenarios: 'scenarios', technique: ['fine-tuned'] }, globalsFor({ output: 'json', llm: 'ollama' }), io);
    expect((JSON.parse(io.stdout()) as JsonReport).techniques[0]?.notRun).toMatch(/--model/);
  });
});

describe('k8sdiag bench with an LLM over a loopback OpenAI server', () => {
  it('sends each failing case through the pipeline to the model, repeats it, and counts tokens, cost and routes', async () => {
    const answer = {
      category: 'oom-killed', severity: 'critical', container: 'app', title: 'app is OOMKilled', summary: 'The container exceeds its memory limit.',
      rootCause: 'Memory use goes past the 256Mi limit.', evidence: [{ source: 'status', text: 'OOMKilled' }],
      fixes: [{ description: 'Raise the memory limit', command: null }], confidence: 0.9, disagreement: null,
    };
    const server = await startFakeOpenAiServer([openAiCompletion(JSON.stringify(answer))]);
    try {
      const io = captureIo({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'sk-test' }, work);
      await run({ scenarios: 'scenarios', technique: ['zero-shot', 'few-shot'], model: 'gpt-4o-mini', repeat: '2' }, globalsFor({ output: 'json', llm: 'openai' }), io);
      const report = JSON.parse(io.stdout()) as JsonReport;
      // Healthy targets never reach the model; 3 OOM scenarios × 2 techniques × 2 repeats do.
      expect(server.requests).toHaveLength(12);
      expect(server.requests.every((r) => r.body.model === 'gpt-4o-mini')).toBe(true);
      const zeroShot = report.techniques[0];
      expect(zeroShot).toMatchObject({ technique: 'zero-shot', repeats: 2, notRun: null });
      expect(zeroShot?.metrics?.cases).toBe(10);
      expect(zeroShot?.metrics?.accuracy).toBe(1);
      expect(zeroShot?.metrics?.tokensIn).toBe(812 * 6);
      expect(zeroShot?.metrics?.tokensOut).toBe(164 * 6);
      // gpt-4o-mini in the price table: $0.15 in / $0.60 out per million tokens.
      expect(zeroShot?.metrics?.costUsd).toBeCloseTo((812 * 6 * 0.15 + 164 * 6 * 0.6) / 1e6, 10);
      expect(Object.values(zeroShot?.metrics?.routes ?? {}).reduce((a, b) => a + b, 0)).toBe(6);
    } finally {
      await server.close();
    }
  });
});

describe('k8sdiag bench --judge', () => {
  it('grades each case with the rubric and reports the mean score per technique', async () => {
    const server = await startFakeOpenAiServer([openAiCompletion('{"score": 4, "reason": "right cause, thin fix"}'), openAiCompletion('no verdict here')]);
    try {
      const io = captureIo({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'sk-test' }, work);
      writeFileSync(join(work, 'rubric.md'), 'Score 1-5. Answer {"score": n, "reason": "..."}');
      await run({ scenarios: 'scenarios', technique: ['rules'], judge: 'openai:gpt-4o-mini', rubric: 'rubric.md' }, globalsFor(), io);
      expect(server.requests).toHaveLength(5);
      expect(JSON.stringify(server.requests[0]?.body)).toContain('Score 1-5.');
      // The first verdict is readable, the four after it are not: they are counted, not guessed.
      expect(io.stdout()).toContain('judge openai:gpt-4o-mini on rules: 4.00/5 over 1 case(s), 4 unreadable verdict(s)');
    } finally {
      await server.close();
    }
  });
});

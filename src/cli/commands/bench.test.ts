import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo, globalsFor } from '../../../test/helpers/capture-io.js';
import { openAiCompletion, startFakeOpenAiServer } from '../../../test/helpers/fake-openai-server.js';
import { standardScenarioSet, writeScenarioDir } from '../../../test/helpers/scenario-dir.js';
import type { DiagnoseCase } from '../../bench/run-bench.js';
import { categorySchema } from '../../domain/categories.js';
import { createModelRegistry } from '../../llm/default-registry.js';
import { diagnose } from '../../pipeline/diagnose.js';
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
    const io = captureIo({}, work);
    expect(await run({ scenarios: 'scenarios', report: 'report.html' }, globalsFor({ output: 'json' }), io)).toBe(0);
    const report = JSON.parse(io.stdout()) as JsonReport;
    expect(report.techniques.map((t) => t.technique)).toEqual(['rules', 'zero-shot', 'one-shot', 'few-shot', 'rag', 'hyde', 'rag+rerank', 'fine-tuned']);
    for (const t of report.techniques) {
      if (['zero-shot', 'one-shot', 'few-shot', 'fine-tuned'].includes(t.technique)) expect(t).toMatchObject({ notRun: 'not run: no provider', metrics: null });
      else expect(t.metrics?.cases).toBe(5);
    }
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
  it('sends every case to the model, repeats it, and counts tokens and cost', async () => {
    const server = await startFakeOpenAiServer([openAiCompletion('{"category":"oom-killed"}')]);
    try {
      // Stand-in for the pipeline's LLM stage until diagnose() wires explain: the real provider, over HTTP.
      const viaModel: DiagnoseCase = async (snapshot, technique) => {
        const result = await diagnose(snapshot);
        const model = createModelRegistry({ openai: { baseUrl: server.baseUrl, apiKey: 'sk-test' } }).languageModel(`${technique.llm?.provider}:${technique.llm?.model}`);
        const answer = await model.generate({ messages: [{ role: 'user', content: `diagnose ${snapshot.target.name} (${technique.promptMode})` }] });
        const category = categorySchema.safeParse((JSON.parse(answer.text) as { category?: unknown }).category);
        return {
          ...result,
          diagnosis: {
            ...result.diagnosis,
            category: category.success ? category.data : 'unknown',
            llm: { provider: model.provider, model: model.modelId, route: 'simple', complexity: 0.2, tokens: answer.usage },
          },
        };
      };
      const io = captureIo({ OPENAI_BASE_URL: server.baseUrl }, work);
      await run({ scenarios: 'scenarios', technique: ['zero-shot', 'few-shot'], model: 'gpt-4o-mini', repeat: '2', diagnoseCase: viaModel }, globalsFor({ output: 'json', llm: 'openai' }), io);
      const report = JSON.parse(io.stdout()) as JsonReport;
      expect(server.requests).toHaveLength(2 * 2 * 5);
      const zeroShot = report.techniques[0];
      expect(zeroShot).toMatchObject({ technique: 'zero-shot', repeats: 2, notRun: null });
      // The model says oom-killed for everything: right on 3 OOM scenarios, wrong on 2 healthy ones.
      expect(zeroShot?.metrics?.accuracy).toBeCloseTo(0.6);
      expect(zeroShot?.metrics?.tokensIn).toBe(812 * 10);
      expect(zeroShot?.metrics?.tokensOut).toBe(164 * 10);
      expect(zeroShot?.metrics?.costUsd).toBeCloseTo((812 * 10 * 0.15 + 164 * 10 * 0.6) / 1e6, 10);
      expect(zeroShot?.metrics?.routes).toEqual({ simple: 10 });
    } finally {
      await server.close();
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../test/helpers/builders.js';
import { captureIo, globalsFor } from '../../test/helpers/capture-io.js';
import { sampleDiagnosis, sampleFinding } from '../../test/helpers/sample-diagnosis.js';
import { standardScenarioSet, writeScenarioDir } from '../../test/helpers/scenario-dir.js';
import { run as finetuneExport } from '../cli/commands/finetune-export.js';
import { openHistoryStore } from '../history/history-store.js';
import { recordInvestigation } from '../history/record-investigation.js';
import { llmAnswerSchema } from '../prompt/llm-answer-schema.js';
import { systemPrompt } from '../prompt/system-prompt.js';
import { splitExamples } from './split-examples.js';
import type { TrainingExample } from './training-example.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sdiag-ft-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

interface Row {
  messages: { role: string; content: string }[];
}
const readJsonl = (file: string): Row[] => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);

describe('finetune export', () => {
  it('writes chat rows from scenarios and rated history, a split, a data card and a Modelfile', async () => {
    const scenarios = writeScenarioDir(standardScenarioSet(), join(work, 'scenarios'));
    const store = openHistoryStore(join(work, 'home', 'history.db'));
    const meta = { technique: 'rules', createdAt: '2026-11-20T10:00:00Z' };
    const good = recordInvestigation(store, sampleDiagnosis({ category: 'app-crash', findings: [sampleFinding({ category: 'app-crash', title: 'exits 1', evidence: [{ source: 'log', text: 'panic: token=sk-abcdefghijklmnopqrstuvwx leaked' }] })] }), makeSnapshot(), meta);
    const corrected = recordInvestigation(store, sampleDiagnosis(), makeSnapshot(), meta);
    const poor = recordInvestigation(store, sampleDiagnosis(), makeSnapshot(), meta);
    store.rate(good.id, { rating: 5 }, meta.createdAt);
    store.rate(corrected.id, { rating: 4, correctCategory: 'config-error', note: 'JAVA_OPTS heap above the limit' }, meta.createdAt);
    store.rate(poor.id, { rating: 2 }, meta.createdAt);
    store.close();

    const io = captureIo({ K8SDIAG_HOME: join(work, 'home') }, work);
    const code = await finetuneExport({ scenarios: 'scenarios', out: 'out', valRatio: '0.34', modelfile: true, base: 'qwen2.5:7b' }, globalsFor(), io);
    expect(code).toBe(0);
    const train = readJsonl(join(work, 'out', 'train.jsonl'));
    const validation = readJsonl(join(work, 'out', 'validation.jsonl'));
    // 5 scenarios + 2 history rows rated >= 4; the rating-2 one stays out.
    expect(train.length + validation.length).toBe(7);
    for (const row of [...train, ...validation]) {
      expect(row.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
      // The assistant turn is exactly the answer schema the tool asks models for at run time.
      expect(llmAnswerSchema.safeParse(JSON.parse(row.messages[2]?.content ?? '')).success).toBe(true);
      expect(row.messages[0]?.content).toBe(systemPrompt());
      expect(row.messages[1]?.content).toContain('## Findings from the rules');
    }
    const answers = [...train, ...validation].map((row) => JSON.parse(row.messages[2]?.content ?? '{}') as { category: string; summary: string });
    expect(answers.filter((a) => a.category === 'oom-killed')).toHaveLength(3);
    expect(answers.find((a) => a.category === 'config-error')?.summary).toBe('JAVA_OPTS heap above the limit');
    expect(readFileSync(join(work, 'out', 'train.jsonl'), 'utf8') + readFileSync(join(work, 'out', 'validation.jsonl'), 'utf8')).not.toContain('sk-abcdefghijklmnopqrstuvwx');
    // The oom user prompt carries the evidence the rules saw.
    const oomRow = [...train, ...validation].find((row) => row.messages[2]?.content.includes('"oom-killed"'));
    expect(oomRow?.messages[1]?.content).toContain('OOMKilled');

    const card = readFileSync(join(work, 'out', 'DATA_CARD.md'), 'utf8');
    expect(card).toMatch(/\| oom-killed \| 2 \| 1 \| 3 \| 0 \|/);
    expect(card).toMatch(/\| healthy \| 1 \| 1 \| 2 \| 0 \|/);
    expect(card).toMatch(/\| config-error \| 1 \| 0 \| 0 \| 1 \|/);
    const modelfile = readFileSync(join(work, 'out', 'Modelfile'), 'utf8');
    expect(modelfile).toMatch(/^FROM qwen2\.5:7b$/m);
    expect(modelfile).toMatch(/^ADAPTER \S+\.gguf$/m);
    expect(modelfile).toMatch(/^SYSTEM """[^]*"""$/m);
    expect(modelfile).toMatch(/^PARAMETER temperature /m);
  });

  it('rejects a bad --val-ratio with one line', async () => {
    await expect(finetuneExport({ valRatio: '1.5' }, globalsFor(), captureIo({}, work))).rejects.toThrow(/^--val-ratio must be a number from 0/);
  });
});

describe('splitExamples', () => {
  const example = (key: string, category: TrainingExample['category']): TrainingExample => ({ key, source: 'scenario', category, messages: [] });
  const set = [
    ...Array.from({ length: 10 }, (_, i) => example(`a${i}`, 'oom-killed')),
    ...Array.from({ length: 5 }, (_, i) => example(`b${i}`, 'app-crash')),
    example('only', 'evicted'),
  ];

  it('holds out about the ratio from every category and never a lone example', () => {
    const { train, validation } = splitExamples(set, 0.2);
    expect(validation.filter((e) => e.category === 'oom-killed')).toHaveLength(2);
    expect(validation.filter((e) => e.category === 'app-crash')).toHaveLength(1);
    expect(train.map((e) => e.key)).toContain('only');
  });

  it('is the same split whatever the input order, and adding rows keeps earlier choices', () => {
    const first = splitExamples(set, 0.2).validation.map((e) => e.key).sort();
    expect(splitExamples([...set].reverse(), 0.2).validation.map((e) => e.key).sort()).toEqual(first);
    const grown = splitExamples([...set, example('c0', 'pvc-unbound')], 0.2).validation.map((e) => e.key).sort();
    expect(grown).toEqual(first);
  });
});

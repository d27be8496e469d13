import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { healthyScenario, oomScenario, standardScenarioSet, writeScenarioDir } from '../../test/helpers/scenario-dir.js';
import type { Diagnosis } from '../domain/diagnosis.js';
import { diagnose } from '../pipeline/diagnose.js';
import { buildBenchReport } from './bench-report.js';
import { loadScenarios } from './load-scenarios.js';
import { readResults } from './results-file.js';
import { runBench, type DiagnoseCase } from './run-bench.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sdiag-bench-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const offline = { provider: null, route: 'auto' as const };

describe('runBench offline', () => {
  it('runs rules and retrieval techniques through the pipeline and marks LLM techniques not run', async () => {
    const scenarios = await loadScenarios(writeScenarioDir(standardScenarioSet(), join(work, 's')));
    const run = await runBench({ scenarios, techniques: ['rules', 'rag', 'few-shot', 'fine-tuned'], llm: offline, repeat: 3, concurrency: 2 });
    expect(run.techniques.map((t) => [t.technique, t.notRun])).toEqual([
      ['rules', null], ['rag', null], ['few-shot', 'not run: no provider'], ['fine-tuned', 'not run: no provider'],
    ]);
    // Deterministic techniques run once whatever --repeat says; nothing is invented for the others.
    expect(run.cases).toHaveLength(10);
    expect(run.cases.every((c) => c.diagnosis.llm === null && c.costUsd === 0)).toBe(true);
    const report = buildBenchReport({ run, scenarios, scenarioDir: 's', llm: offline, relevantDocs: new Map(), k: 5 });
    const rules = report.techniques[0]?.metrics;
    expect(rules).toMatchObject({ cases: 5, accuracy: 1, falseAlarms: 0, healthyChecked: 2, evidenceRecall: 1, errors: 0 });
    expect(rules?.perCategory).toEqual([
      { category: 'healthy', n: 2, correct: 2, accuracy: 1 },
      { category: 'oom-killed', n: 3, correct: 3, accuracy: 1 },
    ]);
    expect(report.techniques[2]?.metrics).toBeNull();
  });

  it('keeps at most --concurrency cases in flight', async () => {
    const scenarios = await loadScenarios(writeScenarioDir(standardScenarioSet(), join(work, 's')));
    let inFlight = 0;
    let peak = 0;
    const slow: DiagnoseCase = async (snapshot) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 15));
      inFlight -= 1;
      return diagnose(snapshot);
    };
    await runBench({ scenarios, techniques: ['rules', 'rag', 'hyde'], llm: offline, repeat: 1, concurrency: 3, diagnoseCase: slow });
    expect(peak).toBe(3);
  });

  it('scores a run that throws as a wrong answer and says so', async () => {
    const scenarios = await loadScenarios(writeScenarioDir([oomScenario('m', 'a-1b2c3d4e5-aaaaa'), healthyScenario('h', 'b-1b2c3d4e5-bbbbb')], join(work, 's')));
    const run = await runBench({
      scenarios, techniques: ['rules'], llm: offline, repeat: 1, concurrency: 1,
      diagnoseCase: async (snapshot) => {
        if (snapshot.target.name.startsWith('a-')) throw new Error('index exploded');
        return diagnose(snapshot);
      },
    });
    const report = buildBenchReport({ run, scenarios, scenarioDir: 's', llm: offline, relevantDocs: new Map(), k: 5 });
    expect(report.techniques[0]?.metrics).toMatchObject({ accuracy: 0.5, errors: 1 });
    expect(run.cases.find((c) => c.scenario === 'm')?.error).toBe('index exploded');
  });
});

describe('runBench with an LLM technique', () => {
  /** Answers like a model would: right on even repeats for oom, with token usage and a route. */
  function scriptedLlm(): DiagnoseCase {
    let call = 0;
    return async (snapshot, technique) => {
      const { diagnosis, warnings } = await diagnose(snapshot);
      call += 1;
      const wrong = call % 4 === 0;
      const answer: Diagnosis = {
        ...diagnosis,
        category: wrong ? 'app-crash' : diagnosis.category,
        confidence: wrong ? 0.6 : 0.95,
        llm: { provider: technique.llm?.provider ?? '?', model: technique.llm?.model ?? '?', route: call % 2 ? 'simple' : 'reasoning', complexity: 0.4, tokens: { input: 1000, output: 200 } },
      };
      return { diagnosis: answer, warnings };
    };
  }

  it('repeats N times, reports mean and spread, tokens, cost from the price table and route decisions', async () => {
    const scenarios = await loadScenarios(writeScenarioDir(standardScenarioSet(), join(work, 's')));
    const llm = { provider: 'openai', model: 'gpt-4o-mini', route: 'auto' as const };
    const run = await runBench({ scenarios, techniques: ['rules', 'zero-shot'], llm, repeat: 4, concurrency: 1, diagnoseCase: scriptedLlm() });
    expect(run.techniques.map((t) => t.repeats)).toEqual([1, 4]);
    const report = buildBenchReport({ run, scenarios, scenarioDir: 's', llm, relevantDocs: new Map(), k: 5 });
    const zeroShot = report.techniques[1];
    expect(zeroShot).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', repeats: 4 });
    const m = zeroShot?.metrics;
    expect(m?.cases).toBe(20);
    expect(m?.tokensIn).toBe(20_000);
    expect(m?.tokensOut).toBe(4_000);
    // gpt-4o-mini: $0.15 in / $0.60 out per million tokens.
    expect(m?.costUsd).toBeCloseTo((20_000 * 0.15 + 4_000 * 0.6) / 1e6, 10);
    expect(m?.routes).toEqual({ simple: 10, reasoning: 10 });
    expect(m?.spread?.accuracy.mean).toBeCloseTo(m?.accuracy ?? -1, 10);
    expect(m?.spread?.accuracy.max).toBeGreaterThan(m?.spread?.accuracy.min ?? 1);
    expect(m?.spread?.accuracy.stdev).toBeGreaterThan(0);
  });
});

describe('resume', () => {
  it('continues a killed run where it stopped: every case exactly once', async () => {
    const scenarioDir = writeScenarioDir([...standardScenarioSet(), oomScenario('mem-d', 'q-1b2c3d4e5-qqqqq'), healthyScenario('ok-c', 'r-1b2c3d4e5-rrrrr')], join(work, 's'));
    const resultsFile = join(work, 'results.jsonl');
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../node_modules/vite-node/vite-node.mjs'), join(import.meta.dirname, '../../test/helpers/bench-child.ts'), scenarioDir, resultsFile, '150'], { stdio: 'ignore' });
    const lines = (): number => (existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).length : 0);
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 30_000;
      const timer = setInterval(() => {
        if (lines() >= 4) {
          clearInterval(timer);
          resolve();
        } else if (Date.now() > deadline) {
          clearInterval(timer);
          reject(new Error('child bench never wrote results'));
        }
      }, 20);
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const before = readResults(resultsFile).length;
    expect(before).toBeGreaterThanOrEqual(4);
    expect(before).toBeLessThan(14);

    const scenarios = await loadScenarios(scenarioDir);
    const ran: string[] = [];
    const run = await runBench({
      scenarios, techniques: ['rules', 'rag'], llm: offline, repeat: 1, concurrency: 2, resultsFile,
      diagnoseCase: async (snapshot, technique) => {
        ran.push(`${technique.id}/${snapshot.target.name}`);
        return diagnose(snapshot);
      },
    });
    expect(run.resumed).toBe(before);
    expect(ran).toHaveLength(14 - before);
    expect(run.cases).toHaveLength(14);
    const keys = readResults(resultsFile).map((c) => `${c.technique}/${c.scenario}`);
    // A line torn by the kill is tolerated; complete records must not repeat.
    const raw = readFileSync(resultsFile, 'utf8').split('\n').filter((line) => line.endsWith('}')).map((line) => JSON.parse(line) as { technique: string; scenario: string }).map((c) => `${c.technique}/${c.scenario}`);
    expect(new Set(keys).size).toBe(14);
    expect(raw).toHaveLength(14);
  }, 60_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/bench.js';
import { anthropicToolMessage, startFakeAnthropicServer } from '../helpers/fake-anthropic-server.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { ollamaChat, startFakeOllamaServer } from '../helpers/fake-ollama-server.js';
import type { LoopbackServer } from '../helpers/loopback-server.js';
import { standardScenarioSet, writeScenarioDir } from '../helpers/scenario-dir.js';

interface Metrics {
  cases: number;
  accuracy: number;
  tokensIn: number;
  tokensOut: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  routes: Record<string, number>;
}
interface JsonReport {
  techniques: { technique: string; notRun: string | null; metrics: Metrics | null }[];
}

const answer = {
  category: 'oom-killed', severity: 'critical', container: 'app', title: 'app is OOMKilled', summary: 'The container exceeds its memory limit.',
  rootCause: 'Memory use goes past the 256Mi limit.', evidence: [{ source: 'status', text: 'OOMKilled' }],
  fixes: [{ description: 'Raise the memory limit', command: null }], confidence: 0.9, disagreement: null,
};

let work: string;
let server: LoopbackServer | undefined;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sdiag-bench-llm-'));
  // 3 OOM scenarios reach the model; the 2 healthy ones never do.
  writeScenarioDir(standardScenarioSet(), join(work, 'scenarios'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(work, { recursive: true, force: true });
});

/** The system text each request carried, wherever the wire format puts it. */
function systemText(body: Record<string, unknown>): string {
  if (typeof body.system === 'string') return body.system;
  if (Array.isArray(body.system)) return JSON.stringify(body.system);
  return JSON.stringify((body.messages as { role: string; content: string }[]).filter((m) => m.role === 'system'));
}

const cases = [
  {
    provider: 'anthropic',
    start: () => startFakeAnthropicServer([anthropicToolMessage(answer)]),
    env: (origin: string) => ({ ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: origin }),
    models: ['claude-haiku-4-5', 'claude-sonnet-4-6'],
    usage: { input: 900, output: 210 },
    path: '/v1/messages',
  },
  {
    provider: 'ollama',
    start: () => startFakeOllamaServer([ollamaChat(JSON.stringify(answer))]),
    env: (origin: string) => ({ OLLAMA_HOST: origin }),
    models: ['llama3.1', 'deepseek-r1:32b'],
    usage: { input: 1024, output: 256 },
    path: '/api/chat',
  },
] as const;

describe.each(cases)('bench zero-shot and few-shot through $provider', ({ provider, start, env, models, usage, path }) => {
  it('sends every failing case to the model and reports tokens, latency and route per technique', async () => {
    server = await start();
    const io = captureIo(env(server.origin), work);
    expect(await run({ scenarios: 'scenarios', technique: ['zero-shot', 'few-shot'] }, globalsFor({ output: 'json', llm: provider }), io)).toBe(0);
    const report = JSON.parse(io.stdout()) as JsonReport;

    expect(server.requests).toHaveLength(6);
    for (const request of server.requests) {
      expect(request.path).toBe(path);
      expect(models).toContain(request.body.model);
    }
    // Zero-shot requests carry no worked example; few-shot ones carry three.
    const [zero, few] = [server.requests.slice(0, 3), server.requests.slice(3)];
    for (const request of zero) expect(systemText(request.body)).not.toContain('## Worked examples');
    for (const request of few) expect(systemText(request.body).match(/### Example \d/g)).toHaveLength(3);

    for (const technique of ['zero-shot', 'few-shot']) {
      const row = report.techniques.find((t) => t.technique === technique);
      expect(row?.notRun).toBeNull();
      const metrics = row?.metrics;
      expect(metrics?.cases).toBe(5);
      expect(metrics?.accuracy).toBe(1);
      expect(metrics?.tokensIn).toBe(usage.input * 3);
      expect(metrics?.tokensOut).toBe(usage.output * 3);
      expect(metrics?.latencyP50Ms).toEqual(expect.any(Number));
      expect(metrics?.latencyP95Ms).toBeGreaterThanOrEqual(metrics?.latencyP50Ms ?? 0);
      const routed = Object.entries(metrics?.routes ?? {});
      expect(routed.every(([route]) => route === 'simple' || route === 'reasoning')).toBe(true);
      expect(routed.reduce((sum, [, n]) => sum + n, 0)).toBe(3);
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { complexityScore } from './complexity-score.js';
import { routeModel } from './route-model.js';

function crashingPod(name: string, containers: string[]): Snapshot['objects'][number] {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop' },
    status: {
      phase: 'Running',
      containerStatuses: containers.map((c) => ({ name: c, ready: false, restartCount: 4, image: 'x', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } } })),
    },
  } as Snapshot['objects'][number];
}

function snapshot(containers: string[], logText = ''): Snapshot {
  return {
    apiVersion: 'k8sdiag/v1',
    kind: 'Snapshot',
    metadata: { collectedAt: '2026-11-20T10:00:00Z' },
    target: { kind: 'Pod', namespace: 'shop', name: 'web-1' },
    objects: [crashingPod('web-1', containers)],
    events: [],
    logs: logText ? [{ pod: 'web-1', container: containers[0] ?? 'app', previous: true, text: logText, truncated: false }] : [],
  };
}

const oom: Finding = {
  category: 'oom-killed', severity: 'critical', container: 'app', title: 'OOMKilled', rootCause: 'memory limit',
  evidence: [{ source: 'status', text: 'Reason: OOMKilled, Exit Code: 137' }], fixes: [], detectors: ['oom-killed'], patterns: [], confidence: 0.95,
};
const ollama = { provider: 'ollama', defaults: { simple: 'llama3.1', reasoning: 'deepseek-r1:32b' }, threshold: 0.7 };

describe('complexity score and route', () => {
  it('sends a clear single finding to the simple model', () => {
    const score = complexityScore({ snapshot: snapshot(['app']), findings: [oom], ruleConfidence: 0.95 });
    expect(score.score).toBeLessThan(0.3);
    expect(routeModel(score, ollama)).toMatchObject({ modelRef: 'ollama:llama3.1', route: 'simple' });
  });

  it('sends an unexplained multi-container failure with a long stack trace to the reasoning model, naming why', () => {
    const trace = ['Exception in thread "main" java.lang.IllegalStateException: pool exhausted', ...Array.from({ length: 30 }, (_, i) => `\tat com.shop.Pool.get(Pool.java:${i})`)].join('\n');
    const logs = `${trace}\nERROR could not load tenant table\nfatal: handshake failed with ledger service`;
    const score = complexityScore({ snapshot: snapshot(['app', 'sidecar', 'proxy'], logs), findings: [], ruleConfidence: 0.3, question: 'why does it crash? and why only in shop?' });
    expect(score.score).toBeGreaterThan(0.7);
    const names = score.features.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['no-detector-fired', 'failing-containers', 'long-stack-trace', 'unknown-error-lines', 'multi-part-question']));
    const decision = routeModel(score, ollama);
    expect(decision).toMatchObject({ modelRef: 'ollama:deepseek-r1:32b', route: 'reasoning' });
    expect(decision.reason).toContain('no-detector-fired');
  });

  it('flags conflicting critical findings', () => {
    const crash: Finding = { ...oom, category: 'app-crash', confidence: 0.6 };
    const score = complexityScore({ snapshot: snapshot(['app']), findings: [oom, crash], ruleConfidence: 0.6 });
    expect(score.features.map((f) => f.name)).toContain('conflicting-findings');
  });

  it('lets --route and --model override, and keeps ollama tags intact in configured names', () => {
    const low = { score: 0.1, features: [] };
    expect(routeModel(low, { ...ollama, route: 'reasoning' }).modelRef).toBe('ollama:deepseek-r1:32b');
    expect(routeModel(low, { ...ollama, model: 'openai:gpt-4.1-mini' }).modelRef).toBe('openai:gpt-4.1-mini');
    expect(routeModel(low, { ...ollama, simpleModel: 'qwen2.5:7b' }).modelRef).toBe('ollama:qwen2.5:7b');
    expect(routeModel(low, { ...ollama, simpleModel: 'fake:echo' }).modelRef).toBe('fake:echo');
  });
});

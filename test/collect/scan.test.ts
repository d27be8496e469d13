import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as runScan, type ScanArgs } from '../../src/cli/commands/scan.js';
import type { Detector } from '../../src/detect/detector.js';
import { makeFinding } from '../../src/detect/make-finding.js';
import { allContainerStatuses, targetPods } from '../../src/domain/snapshot-view.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { CRASH_LOG, deployment, pod, replicaSet, shopCluster } from './cluster-objects.js';

/** A stand-in rule so these tests do not depend on the detector set: any container stuck waiting in CrashLoopBackOff. */
const crashLoop: Detector = {
  id: 'test-crash-loop',
  description: 'CrashLoopBackOff',
  detect: (snapshot) => targetPods(snapshot).flatMap((p) => allContainerStatuses(p)
    .filter(({ status }) => status.state?.waiting?.reason === 'CrashLoopBackOff')
    .slice(0, 1)
    .map(({ status }) => makeFinding({
      snapshot, subject: p, detector: 'test-crash-loop', category: 'app-crash', severity: 'critical', container: status.name,
      title: 'crash loop', rootCause: `Container ${status.name} keeps exiting.`, evidence: [], fixes: [], confidence: 0.8,
    }))).slice(0, 1),
};

let server: FakeApiServer;
const cluster = shopCluster();

beforeEach(async () => {
  server = await new FakeApiServer().add(...cluster.objects).start();
  server.add(pod({ name: 'web-7d9f8c6b5-m9n8p', namespace: 'shop', ownerKind: 'ReplicaSet', ownerName: 'web-7d9f8c6b5', labels: { app: 'web', 'pod-template-hash': '7d9f8c6b5' }, state: 'crashloop' }));
  // billing: a healthy Deployment and a bare pod that crash-loops.
  server.add(
    deployment('api', 'billing', { revision: 1, replicas: 2, ready: 2 }),
    replicaSet('api-6b7c8d9f4', 'billing', 'api', { revision: 1, replicas: 2, ready: 2, hash: '6b7c8d9f4' }),
    pod({ name: 'api-6b7c8d9f4-qq1ww', namespace: 'billing', ownerKind: 'ReplicaSet', ownerName: 'api-6b7c8d9f4', labels: { app: 'api', 'pod-template-hash': '6b7c8d9f4' }, state: 'running' }),
    pod({ name: 'api-6b7c8d9f4-ee2rr', namespace: 'billing', ownerKind: 'ReplicaSet', ownerName: 'api-6b7c8d9f4', labels: { app: 'api', 'pod-template-hash': '6b7c8d9f4' }, state: 'running' }),
    pod({ name: 'debug-shell', namespace: 'billing', labels: { run: 'debug-shell' }, state: 'crashloop' }),
  );
  server.setLog('shop', cluster.crashing, 'app', true, CRASH_LOG);
  server.setLog('billing', 'debug-shell', 'app', true, 'sh: exit 1\n');
});
afterEach(async () => server.stop());

interface ScanJson {
  kind: string;
  podsScanned: number;
  entries: { target: { kind: string; namespace: string; name: string }; category: string; cause: string; fingerprint: string; failingPods: string[] }[];
}

async function scan(args: ScanArgs, output: 'json' | 'text' = 'json') {
  const io = captureIo();
  const code = await runScan({ deps: { detectors: [crashLoop], patterns: null }, ...args }, globalsFor({ output, kubeconfig: server.kubeconfigPath }), io);
  return { code, io, json: output === 'json' ? (JSON.parse(io.stdout()) as ScanJson) : undefined };
}

describe('scan', () => {
  it('-A lists each unhealthy workload once, failing replicas collapsed, bare pods on their own', async () => {
    const { code, json } = await scan({ allNamespaces: true });
    expect(code).toBe(1);
    expect(json?.podsScanned).toBe(8);
    expect(json?.entries.map((e) => `${e.target.namespace}/${e.target.kind}/${e.target.name}`)).toEqual(['billing/Pod/debug-shell', 'shop/Deployment/web']);
    expect(json?.entries[1]?.failingPods).toEqual(['web-7d9f8c6b5-m9n8p', cluster.crashing]);
    expect(json?.entries.every((e) => e.category === 'app-crash' && /^[0-9a-f]{16}$/.test(e.fingerprint))).toBe(true);
  });

  it('gives the same fingerprints on every run', async () => {
    const first = await scan({ allNamespaces: true });
    const second = await scan({ allNamespaces: true });
    expect(second.json?.entries.map((e) => e.fingerprint)).toEqual(first.json?.entries.map((e) => e.fingerprint));
    expect(new Set(first.json?.entries.map((e) => e.fingerprint)).size).toBe(2);
  });

  it('reads healthy pods only through the lists: no per-pod request for them', async () => {
    await scan({ allNamespaces: true });
    expect(server.requests.filter((r) => r.startsWith('/api/v1/pods?') || r === '/api/v1/pods')).toHaveLength(1);
    const healthyNames = ['api-6b7c8d9f4-qq1ww', 'api-6b7c8d9f4-ee2rr', cluster.healthy, 'unrelated-6f7g8'];
    expect(server.requests.filter((r) => healthyNames.some((name) => r.includes(name)))).toEqual([]);
    // Logs are read for one pod per problem, not for every failing replica.
    expect(server.requests.filter((r) => r.includes('/log?'))).toHaveLength(2);
  });

  it('-n keeps to one namespace and prints one line per problem as text', async () => {
    const { io } = await scan({ namespace: 'billing' }, 'text');
    const lines = io.stdout().trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^billing\/pod\/debug-shell {2}app-crash {2}.+ {2}\[[0-9a-f]{16}\]$/);
    expect(lines[1]).toBe('1 problem(s) in 3 pods (namespace billing)');
    expect(server.requests.some((r) => r.startsWith('/api/v1/namespaces/billing/pods?') || r === '/api/v1/namespaces/billing/pods')).toBe(true);
  });

  it('reports nothing and exits 0 in a healthy namespace', async () => {
    server.objects.splice(server.objects.findIndex((o) => o.metadata.name === 'debug-shell'), 1);
    const { code, json } = await scan({ namespace: 'billing' });
    expect(code).toBe(0);
    expect(json?.entries).toEqual([]);
  });

  it('lists what it could not read when a list is forbidden, and still scans', async () => {
    server.faults.forbidden.add('events');
    const { json } = (await scan({ allNamespaces: true })) as unknown as { json: ScanJson & { collectionErrors: { what: string; reason: string }[] } };
    expect(json.collectionErrors).toEqual([{ what: 'events in all namespaces', reason: 'Forbidden: events' }]);
    expect(json.entries).toHaveLength(2);
  });

  it('refuses -n together with -A', async () => {
    await expect(runScan({ namespace: 'x', allNamespaces: true }, globalsFor(), captureIo())).rejects.toThrow('either -n');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as runPod } from '../../src/cli/commands/pod.js';
import { exitCodeForError, formatError } from '../../src/cli/handle-error.js';
import { collectSnapshot } from '../../src/collect/collect-snapshot.js';
import { createKubeClient } from '../../src/collect/kube-client.js';
import { scanCluster } from '../../src/collect/scan-cluster.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { FakeApiServer, kubeconfigFor } from '../helpers/fake-apiserver.js';
import { startLoopbackServer } from '../helpers/loopback-server.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CRASH_LOG, pod, shopCluster } from './cluster-objects.js';

let server: FakeApiServer;
const cluster = shopCluster();
const extraPods = Array.from({ length: 11 }, (_, i) => pod({ name: `batch-${i}`, namespace: 'shop', labels: { app: 'batch' }, state: 'running' }));

beforeEach(async () => {
  server = await new FakeApiServer().add(...cluster.objects, ...extraPods).start();
  server.setLog('shop', cluster.crashing, 'app', true, CRASH_LOG);
});
afterEach(async () => server.stop());

const target = { kind: 'Pod' as const, namespace: 'shop', name: cluster.crashing };
const podCount = cluster.objects.filter((o) => o.kind === 'Pod').length + extraPods.length;

describe('lists the way real API servers page them', () => {
  it('follows metadata.continue until the list is complete', async () => {
    server.pageSize = 3;
    const result = await scanCluster({ allNamespaces: true }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(result.podsSeen).toBe(podCount);
    const podPages = server.requests.filter((r) => r.startsWith('/api/v1/pods?'));
    expect(podPages.length).toBe(Math.ceil(podCount / 3));
    expect(podPages.slice(1).every((r) => r.includes('continue='))).toBe(true);
  });

  it('an expired continue token (410) restarts as one unpaginated list and still gets everything', async () => {
    server.pageSize = 3;
    server.expireContinue = true;
    const result = await scanCluster({ allNamespaces: true }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(result.podsSeen).toBe(podCount);
    expect(result.errors).toEqual([]);
    expect(server.requests).toContain('/api/v1/pods');
  });
});

describe('API server answers beyond 200 and 4xx', () => {
  it('retries 429 Too Many Requests after Retry-After and then collects normally', async () => {
    server.tooManyRequests.set('pods', 1);
    const snapshot = await collectSnapshot(target, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(snapshot.objects[0]?.metadata.name).toBe(cluster.crashing);
    expect(snapshot.collectionErrors ?? []).toEqual([]);
  });

  it('gives up on endless 429s within the timeout and records them as one line', async () => {
    server.tooManyRequests.set('services', 1000);
    const started = Date.now();
    const snapshot = await collectSnapshot(target, { kubeconfig: server.kubeconfigPath, timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(snapshot.collectionErrors).toContainEqual({ what: 'services in shop', reason: 'TooManyRequests: services' });
  });

  it('reads gzip bodies, asks for JSON only, and never for Table or protobuf', async () => {
    server.gzip = true;
    const snapshot = await collectSnapshot(target, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(snapshot.objects.length).toBeGreaterThan(5);
    expect(snapshot.events.length).toBeGreaterThan(0);
    const jsonRequests = server.requestHeaders.filter((_, i) => !server.requests[i]?.includes('/log?'));
    expect(jsonRequests.every((h) => h.accept === 'application/json' && /gzip/.test(String(h['accept-encoding'])))).toBe(true);
  });

  it('reads events from events.k8s.io/v1 when core/v1 events are not served', async () => {
    server.eventsV1Only = true;
    const snapshot = await collectSnapshot(target, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    const backOff = snapshot.events.find((e) => e.reason === 'BackOff');
    expect(backOff?.involvedObject.name).toBe(cluster.crashing);
    expect(backOff?.message).toMatch(/^Back-off restarting failed container app/);
    expect(backOff?.count).toBe(31);
    expect(snapshot.events.every((e) => e.involvedObject.name !== 'unrelated-6f7g8')).toBe(true);
  });

  it('a proxy HTML error page becomes one readable line', async () => {
    const proxy = await startLoopbackServer([{ status: 502, headers: { 'content-type': 'text/html' }, raw: '<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>' }]);
    const dir = await mkdtemp(join(tmpdir(), 'k8sdiag-proxy-'));
    await writeFile(join(dir, 'kubeconfig'), kubeconfigFor(proxy.origin));
    const client = await createKubeClient({ kubeconfig: join(dir, 'kubeconfig'), timeoutMs: 2000 });
    const error = await client.getJson('/api/v1/namespaces/shop/pods').catch((e: unknown) => e) as Error & { reason: string };
    await proxy.close();
    expect(error.reason).toBe('BadGateway');
    expect(error.message).toBe('502 Bad Gateway 502 Bad Gateway nginx');
  });
});

describe('logs that do not exist (yet)', () => {
  it('a missing previous log and a container still creating are not collection errors', async () => {
    server.logs.clear();
    const creating = pod({ name: 'web-new-zz9', namespace: 'shop', labels: { app: 'web' }, state: 'running' }) as { status: { containerStatuses: { state: unknown; restartCount: number }[] } };
    // Running per status but the kubelet has not produced a log yet, and restarted once (no previous kept).
    creating.status.containerStatuses[0]!.restartCount = 1;
    server.add(creating);
    const snapshot = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: 'web-new-zz9' }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(server.requests.filter((r) => r.includes('/log?'))).toHaveLength(2);
    expect((snapshot.collectionErrors ?? []).filter((e) => e.what.startsWith('logs'))).toEqual([]);
  });

  it('a forbidden log is still reported', async () => {
    server.faults.forbidden.add('pods/log');
    const snapshot = await collectSnapshot(target, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(snapshot.collectionErrors).toContainEqual({ what: `logs ${cluster.crashing}/app (previous)`, reason: 'Forbidden: pods/log' });
  });
});

describe('--timeout', () => {
  it('a server that accepts the connection but never answers: exit 3, one line, within the timeout', async () => {
    server.hang = true;
    const io = captureIo();
    const started = Date.now();
    let code: number;
    let stderr = '';
    try {
      code = await runPod({ target: `shop/${cluster.crashing}` }, globalsFor({ kubeconfig: server.kubeconfigPath, timeoutMs: 1000 }), io);
    } catch (error) {
      code = exitCodeForError(error);
      stderr = formatError(error, false);
    }
    expect(Date.now() - started).toBeLessThan(2000);
    expect(code).toBe(3);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:\d+: no answer .* within 1 s/);
  });

  it('bounds the whole collection: reads still pending when it runs out are recorded, not waited for', async () => {
    // The owner chain is read one link at a time: ~0.7 s for the ReplicaSet leaves too little for the Deployment.
    server.faults.delayMs.set('replicasets', 700).set('deployments', 700);
    const started = Date.now();
    const snapshot = await collectSnapshot(target, { kubeconfig: server.kubeconfigPath, timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(1400);
    expect(snapshot.objects.some((o) => o.kind === 'ReplicaSet')).toBe(true);
    expect(snapshot.collectionErrors?.find((e) => e.what === 'deployment shop/web')?.reason).toMatch(/^Timeout/);
  });
});

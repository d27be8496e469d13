import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collect/collect-snapshot.js';
import { snapshotSchema } from '../../src/domain/snapshot.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { CRASH_LOG, shopCluster } from './cluster-objects.js';
import { startShopServer } from './shop-server.js';

let server: FakeApiServer;
const cluster = shopCluster();

beforeEach(async () => {
  server = await startShopServer(cluster);
  server.setLog('shop', cluster.healthy, 'app', false, 'INFO listening on :8080\n');
  server.metrics.set(`shop/${cluster.healthy}`, {
    kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: cluster.healthy, namespace: 'shop' },
    timestamp: '2026-11-20T10:00:00Z', window: '15s', containers: [{ name: 'app', usage: { cpu: '12m', memory: '87Mi' } }],
  });
});
afterEach(async () => server.stop());

const collect = (name: string) => collectSnapshot({ kind: 'Pod', namespace: 'shop', name }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });

describe('collecting a pod', () => {
  it('keeps unrelated pods and events out even when the server ignores selectors', async () => {
    server.honoursSelectors = false;
    const snapshot = await collect(cluster.crashing);
    const names = snapshot.objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).not.toContain('Pod/unrelated-6f7g8');
    expect(snapshot.events.length).toBeGreaterThan(0);
    expect(snapshot.events.every((e) => e.involvedObject.name !== 'unrelated-6f7g8')).toBe(true);
  });

  it('reads a crash-looping pod with its owner chain, node, events, previous logs and what it references', async () => {
    const snapshot = await collect(cluster.crashing);
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.metadata.serverVersion).toBe('v1.30.2');
    expect(snapshot.metadata.context).toBe('fake-ctx');
    expect(snapshot.objects[0]?.metadata.name).toBe(cluster.crashing);
    const names = snapshot.objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names).toEqual(expect.arrayContaining([
      'ReplicaSet/web-7d9f8c6b5', 'Deployment/web', 'Node/worker-1', 'PersistentVolumeClaim/web-data', 'PersistentVolume/pvc-1f2e3d',
      'Service/web', 'Endpoints/web', 'ConfigMap/web-config', 'Secret/web-db', 'ResourceQuota/compute', 'LimitRange/defaults',
    ]));
    // A Service that does not select the pod and pods of other owners stay out.
    expect(names).not.toContain('Service/other');
    expect(names).not.toContain('Pod/unrelated-6f7g8');
    // Events of the pod and its owners, in both the legacy and the eventTime form.
    const reasons = snapshot.events.map((e) => `${e.involvedObject.kind}:${e.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['Pod:BackOff', 'Pod:Scheduled', 'Deployment:ScalingReplicaSet', 'ReplicaSet:SuccessfulCreate']));
    expect(snapshot.events.every((e) => e.involvedObject.name !== 'unrelated-6f7g8')).toBe(true);
    expect(snapshot.logs).toEqual([{ pod: cluster.crashing, container: 'app', previous: true, text: CRASH_LOG, truncated: false }]);
    // The field selector went to the server rather than a namespace-wide list.
    expect(server.requests.some((r) => r.includes('fieldSelector=involvedObject.kind%3DPod%2CinvolvedObject.name%3D' + cluster.crashing))).toBe(true);
  });

  it('stores objects in kubectl get -o json shape: kind and apiVersion on every object, RFC3339 strings, no managedFields', async () => {
    const snapshot = await collect(cluster.crashing);
    for (const object of snapshot.objects) {
      expect(object.kind).toMatch(/^[A-Z]/);
      expect(object.apiVersion).toMatch(/^(v1|apps\/v1|batch\/v1)$/);
      expect((object.metadata as unknown as Record<string, unknown>).managedFields).toBeUndefined();
      expect(typeof object.metadata.creationTimestamp).toBe('string');
    }
    const pod = snapshot.objects[0] as unknown as { status: { containerStatuses: { lastState: { terminated: { finishedAt: unknown } } }[] } };
    expect(pod.status.containerStatuses[0]?.lastState.terminated.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const scheduled = snapshot.events.find((e) => e.reason === 'Scheduled');
    expect(scheduled?.lastTimestamp).toBeNull();
    expect(scheduled?.eventTime).toMatch(/\.123456Z$/);
  });

  it('never puts Secret values in the snapshot: key names only, no last-applied annotation', async () => {
    const snapshot = await collect(cluster.crashing);
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(Buffer.from('hunter2-super-secret').toString('base64'));
    const secret = snapshot.objects.find((o) => o.kind === 'Secret') as { data?: Record<string, string>; metadata: { annotations?: Record<string, string> } };
    expect(secret.data).toEqual({ password: '', username: '' });
    expect(secret.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });

  it('reads a healthy pod: its current log, its siblings of the same ReplicaSet, and its metrics', async () => {
    const snapshot = await collect(cluster.healthy);
    expect(snapshot.logs).toEqual([{ pod: cluster.healthy, container: 'app', previous: false, text: 'INFO listening on :8080\n', truncated: false }]);
    expect(snapshot.objects.filter((o) => o.kind === 'Pod').map((o) => o.metadata.name).sort()).toEqual([cluster.healthy, 'web-5c8d7f9b6-d3e4f']);
    expect(snapshot.metrics).toEqual([{ pod: cluster.healthy, container: 'app', cpu: '12m', memory: '87Mi' }]);
    expect(snapshot.collectionErrors).toBeUndefined();
  });

  it('treats a cluster without metrics-server as simply having no metrics', async () => {
    server.metricsServed = false;
    const snapshot = await collect(cluster.healthy);
    expect(snapshot.metrics).toBeUndefined();
    expect(snapshot.collectionErrors).toBeUndefined();
  });
});

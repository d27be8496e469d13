import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collect/collect-snapshot.js';
import { replicaSetsOf, targetObject, targetPods } from '../../src/domain/snapshot-view.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { CRASH_LOG, event, pod, shopCluster } from './cluster-objects.js';
import { startShopServer } from './shop-server.js';

let server: FakeApiServer;
const cluster = shopCluster();

beforeEach(async () => {
  server = await startShopServer(cluster);
  server.setLog('shop', cluster.healthy, 'app', false, 'INFO listening on :8080\n');
});
afterEach(async () => server.stop());

describe('collecting a Deployment', () => {
  it('holds the Deployment, old and new ReplicaSets, their pods, their events, and logs of the failing pod only', async () => {
    const snapshot = await collectSnapshot({ kind: 'Deployment', namespace: 'shop', name: 'web' }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(snapshot.target).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect(targetObject(snapshot)?.kind).toBe('Deployment');
    expect(snapshot.objects[0]?.kind).toBe('Deployment');
    const deployment = targetObject(snapshot);
    expect(replicaSetsOf(snapshot, deployment!).map((rs) => rs.metadata.name)).toEqual(['web-7d9f8c6b5', 'web-5c8d7f9b6']);
    expect(targetPods(snapshot).map((p) => p.metadata.name).sort()).toEqual([cluster.healthy, 'web-5c8d7f9b6-d3e4f', cluster.crashing].sort());
    expect(snapshot.objects.some((o) => o.metadata.name === 'unrelated-6f7g8')).toBe(false);
    // The last-applied annotation is dropped everywhere (it repeats the manifest and can hold values).
    expect(deployment?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
    expect(deployment?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(snapshot.logs.map((l) => `${l.pod}/${l.container}/${l.previous}`)).toEqual([`${cluster.crashing}/app/true`]);
    const about = new Set(snapshot.events.map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}`));
    expect(about).toEqual(new Set(['Deployment/web', 'ReplicaSet/web-7d9f8c6b5', `Pod/${cluster.crashing}`]));
    expect(snapshot.objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['web']);
  });

  it('caps how many failing pods get their logs read', async () => {
    const extra = Array.from({ length: 6 }, (_, i) => `web-7d9f8c6b5-zz${i}aa`);
    for (const name of extra) {
      server.add(pod({ name, namespace: 'shop', ownerKind: 'ReplicaSet', ownerName: 'web-7d9f8c6b5', labels: { app: 'web', 'pod-template-hash': '7d9f8c6b5' }, state: 'crashloop' }));
      server.add(event('shop', { kind: 'Pod', name }, 'BackOff', `Back-off restarting failed container app in pod ${name}_shop(uid-shop-${name})`, { type: 'Warning' }));
      server.setLog('shop', name, 'app', true, CRASH_LOG);
    }
    const snapshot = await collectSnapshot({ kind: 'Deployment', namespace: 'shop', name: 'web' },
      { kubeconfig: server.kubeconfigPath, timeoutMs: 5000, limits: { maxLogPods: 2 } });
    expect(targetPods(snapshot)).toHaveLength(9);
    expect(new Set(snapshot.logs.map((l) => l.pod)).size).toBe(2);
    expect(server.requests.filter((r) => r.includes('/log?'))).toHaveLength(2);
  });

  it('collects a StatefulSet and its pods by the workload selector', async () => {
    server.add(
      { kind: 'StatefulSet', apiVersion: 'apps/v1', metadata: { name: 'db', namespace: 'shop', uid: 'uid-shop-db' }, spec: { replicas: 1, selector: { matchLabels: { app: 'db' } }, serviceName: 'db', template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'app', image: 'postgres:16' }] } } }, status: { replicas: 1, readyReplicas: 0 } },
      pod({ name: 'db-0', namespace: 'shop', ownerKind: 'StatefulSet', ownerName: 'db', labels: { app: 'db' }, state: 'pending' }),
      event('shop', { kind: 'Pod', name: 'db-0' }, 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', { type: 'Warning', modern: true }),
    );
    const snapshot = await collectSnapshot({ kind: 'StatefulSet', namespace: 'shop', name: 'db' }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(targetPods(snapshot).map((p) => p.metadata.name)).toEqual(['db-0']);
    expect(snapshot.events.map((e) => e.reason)).toContain('FailedScheduling');
    expect(snapshot.logs).toEqual([]);
  });
});

/**
 * The scan benchmark's cluster: the test fake apiserver holding `NAMESPACES` namespaces of
 * `PODS_PER_NAMESPACE` pods, a tenth of them failing. Run through vite-node by bench/scan.mjs;
 * prints the kubeconfig path on its first stdout line and serves until killed.
 */
import { CRASH_LOG, deployment, event, pod, replicaSet, webSupport } from '../test/collect/cluster-objects.js';
import { FakeApiServer } from '../test/helpers/fake-apiserver.js';

const NAMESPACES = Number(process.argv[2] ?? 50);
const PODS_PER_NAMESPACE = Number(process.argv[3] ?? 20);
const DEPLOYMENTS = 4;

const server = new FakeApiServer();
for (let n = 0; n < NAMESPACES; n++) {
  const namespace = `team-${String(n).padStart(2, '0')}`;
  server.add(...webSupport(namespace).filter((o) => o.kind !== 'Node'));
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const name = d === 0 ? 'web' : `svc-${d}`;
    const hash = `${'7d9f8c6b5'.slice(0, 8)}${d}`;
    const rs = `${name}-${hash}`;
    const perDeployment = PODS_PER_NAMESPACE / DEPLOYMENTS;
    // Deployment 0 of every namespace has two failing replicas: 2 of 20 pods = a tenth.
    const failing = d === 0 ? 2 : 0;
    server.add(deployment(name, namespace, { revision: 1, replicas: perDeployment, ready: perDeployment - failing }));
    server.add(replicaSet(rs, namespace, name, { revision: 1, replicas: perDeployment, ready: perDeployment - failing, hash }));
    for (let p = 0; p < perDeployment; p++) {
      const podName = `${rs}-${String(p).padStart(2, '0')}x${n % 10}z`;
      const state = p < failing ? (n % 2 === 0 ? 'crashloop' : 'pending') : 'running';
      server.add(pod({ name: podName, namespace, ownerKind: 'ReplicaSet', ownerName: rs, labels: { app: name, 'pod-template-hash': hash }, state }));
      if (state === 'crashloop') {
        server.setLog(namespace, podName, 'app', true, CRASH_LOG);
        server.add(event(namespace, { kind: 'Pod', name: podName }, 'BackOff', `Back-off restarting failed container app in pod ${podName}_${namespace}(uid-${namespace}-${podName})`, { type: 'Warning', count: 12 }));
      } else if (state === 'pending') {
        server.add(event(namespace, { kind: 'Pod', name: podName }, 'FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', { type: 'Warning', modern: true }));
      } else {
        server.setLog(namespace, podName, 'app', false, 'INFO listening on :8080\n');
      }
    }
  }
}
await server.start();
process.stdout.write(`${server.kubeconfigPath}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../domain/snapshot.js';
import { makeContainer, makeContainerStatus, makeEvent, makePod, makeSnapshot, makeWorkload, minutesAgo } from '../../test/helpers/builders.js';
import { DETECTORS } from './detector-registry.js';
import { loadDefaultPatterns } from './patterns/load-patterns.js';
import { matchPatterns } from './patterns/match-patterns.js';
import { resolveFindings } from './resolve-findings.js';
import { runDetectors } from './run-detectors.js';

const library = loadDefaultPatterns();

/** Detectors, then patterns, then resolution: the rules half of diagnose(). */
function resolve(snapshot: Snapshot) {
  const detected = runDetectors(snapshot, DETECTORS);
  return resolveFindings(snapshot, matchPatterns(snapshot, detected.findings, library).findings);
}

const target = { kind: 'Deployment' as const, namespace: 'shop', name: 'web' };
const readiness = { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5, failureThreshold: 3 };

describe('resolveFindings over realistic snapshots', () => {
  it('calls a rolling update in progress healthy (new pod creating, old pod draining, early readiness failures)', () => {
    const deployment = makeWorkload('Deployment', 'web', {
      spec: { replicas: 3 },
      status: { replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1, conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "web-5c8d7f9b6" is progressing.' },
      ] },
    });
    const oldRs = makeWorkload('ReplicaSet', 'web-7d9f8c6b5', { owner: { kind: 'Deployment', name: 'web' }, revision: 3 });
    const newRs = makeWorkload('ReplicaSet', 'web-5c8d7f9b6', { owner: { kind: 'Deployment', name: 'web' }, revision: 4 });
    const containers = [makeContainer({ readinessProbe: readiness })];
    const justReady = makePod({ name: 'web-5c8d7f9b6-abcde', containers, createdMinutesAgo: 1, containerStatuses: [makeContainerStatus({ state: { running: { startedAt: minutesAgo(0.8) } } })] });
    const creating = makePod({ name: 'web-5c8d7f9b6-fghij', phase: 'Pending', containers, createdMinutesAgo: 0.2, containerStatuses: [makeContainerStatus({ waiting: 'ContainerCreating' })] });
    const draining = makePod({ name: 'web-7d9f8c6b5-klmno', containers, metadata: { deletionTimestamp: minutesAgo(-0.4) }, containerStatuses: [makeContainerStatus({ ready: false })] });
    const steady = makePod({ name: 'web-7d9f8c6b5-pqrst', containers });
    const snapshot = makeSnapshot({
      target, objects: [deployment, newRs, oldRs, justReady, creating, draining, steady],
      events: [makeEvent({ reason: 'Unhealthy', name: justReady.metadata.name, container: 'app', count: 2, firstMinutesAgo: 0.7, lastMinutesAgo: 0.6, message: 'Readiness probe failed: Get "http://10.244.3.9:8080/ready": dial tcp 10.244.3.9:8080: connect: connection refused' })],
    });
    expect(resolve(snapshot).category).toBe('healthy');
  });

  it('still flags readiness that keeps failing for minutes after start-up', () => {
    const pod = makePod({ containers: [makeContainer({ readinessProbe: readiness })], containerStatuses: [makeContainerStatus({ ready: false, state: { running: { startedAt: minutesAgo(25) } } })] });
    const snapshot = makeSnapshot({ objects: [pod], events: [makeEvent({ reason: 'Unhealthy', container: 'app', count: 290, firstMinutesAgo: 24, lastMinutesAgo: 0.1, message: 'Readiness probe failed: HTTP probe failed with statuscode: 503' })] });
    expect(resolve(snapshot).category).toBe('readiness-probe-failure');
  });

  it('blames the memory limit when an init container is OOMKilled, keeping the init failure as support', () => {
    const pod = makePod({
      phase: 'Pending',
      initContainers: [makeContainer({ name: 'build-index', resources: { limits: { memory: '300Mi' } } })],
      initContainerStatuses: [makeContainerStatus({ name: 'build-index', waiting: 'CrashLoopBackOff', lastTerminated: { exitCode: 137, reason: 'OOMKilled' } })],
      containerStatuses: [makeContainerStatus({ waiting: 'PodInitializing' })],
    });
    const resolution = resolve(makeSnapshot({ objects: [pod] }));
    expect(resolution.category).toBe('oom-killed');
    expect(resolution.findings[0]!.container).toBe('build-index');
    expect(resolution.findings[0]!.fixes.map((f) => f.patch ?? '').join('\n')).toMatch(/initContainers:\n\s+- name: build-index/);
  });

  it('calls an init container looping on a name that does not resolve a missing dependency, naming the host', () => {
    const pod = makePod({
      phase: 'Pending',
      initContainers: [makeContainer({ name: 'wait-redis', image: 'busybox:1.36', command: ['sh', '-c', 'until nslookup cache-redis; do echo waiting for cache-redis; sleep 2; done'] })],
      initContainerStatuses: [makeContainerStatus({ name: 'wait-redis', ready: false, state: { running: { startedAt: minutesAgo(18) } } })],
      containerStatuses: [makeContainerStatus({ waiting: 'PodInitializing' })],
    });
    const log = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find cache-redis.shop.svc.cluster.local: NXDOMAIN\n\nwaiting for cache-redis";
    const resolution = resolve(makeSnapshot({ objects: [pod], logs: [{ pod: pod.metadata.name, container: 'wait-redis', previous: false, text: log }] }));
    expect(resolution.category).toBe('missing-dependency');
    expect(resolution.findings[0]!.title).toContain('cache-redis');
    expect(resolution.findings[0]!.evidence.map((e) => e.text)).toContain("** server can't find cache-redis.shop.svc.cluster.local: NXDOMAIN");
  });

  it('does not blame an init container that has only just started waiting', () => {
    const pod = makePod({
      phase: 'Pending', createdMinutesAgo: 1,
      initContainers: [makeContainer({ name: 'wait-redis', command: ['sh', '-c', 'until nc -z cache-redis 6379; do sleep 2; done'] })],
      initContainerStatuses: [makeContainerStatus({ name: 'wait-redis', ready: false, state: { running: { startedAt: minutesAgo(0.5) } } })],
      containerStatuses: [makeContainerStatus({ waiting: 'PodInitializing' })],
    });
    const resolution = resolve(makeSnapshot({ objects: [pod], logs: [{ pod: pod.metadata.name, container: 'wait-redis', previous: false, text: '' }] }));
    expect(resolution.category).not.toBe('missing-dependency');
  });

  it('reports a node whose CNI never initialised as a sandbox failure', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-9' }, status: { conditions: [
      { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized' },
    ] } };
    const pod = makePod({ phase: 'Pending', node: 'worker-9', containerStatuses: [makeContainerStatus({ waiting: 'ContainerCreating' })] });
    const resolution = resolve(makeSnapshot({ objects: [pod, node], events: [makeEvent({ reason: 'NetworkNotReady', count: 300, message: 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized' })] }));
    expect(resolution.category).toBe('sandbox-failure');
    expect(resolution.findings[0]!.rootCause).toContain('cni plugin not initialized');
  });

  it('does not blame the network of a healthy node', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }, { type: 'NetworkUnavailable', status: 'False', reason: 'RouteCreated' }] } };
    expect(resolve(makeSnapshot({ objects: [makePod(), node] })).category).toBe('healthy');
  });
});

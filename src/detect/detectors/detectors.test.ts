import { describe, expect, it } from 'vitest';
import type { Category } from '../../domain/categories.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { makeContainer, makeContainerStatus, makeEvent, makePod, makeSnapshot, makeWorkload, minutesAgo } from '../../../test/helpers/builders.js';
import { DETECTORS } from '../detector-registry.js';
import { runDetectors } from '../run-detectors.js';

/** Categories of non-info findings each detector emits for a snapshot. */
function fired(snapshot: Snapshot, id: string): Category[] {
  const detector = DETECTORS.find((d) => d.id === id)!;
  return detector.detect(snapshot).filter((f) => f.severity !== 'info').map((f) => f.category);
}

const crashing = (exitCode: number, reason = 'Error') => makePod({ containerStatuses: [makeContainerStatus({ waiting: 'CrashLoopBackOff', waitingMessage: 'back-off 5m0s restarting failed container=app pod=web-7d9f8c6b5-x2kq7_shop(uid)', lastTerminated: { exitCode, reason } })] });
const waitingPod = (reason: string, message: string) => makePod({ containerStatuses: [makeContainerStatus({ waiting: reason, waitingMessage: message })] });
const pendingPod = () => makePod({ phase: 'Pending', containerStatuses: [], conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] });

const cases: [string, string, Snapshot, Category[]][] = [
  // exit 1 in a crash loop is the app's own error
  ['crash loop exit 1', 'crash-loop-back-off', makeSnapshot({ objects: [crashing(1)] }), ['app-crash']],
  // exit 127: the command is not in the image
  ['crash loop exit 127', 'crash-loop-back-off', makeSnapshot({ objects: [crashing(127)] }), ['command-error']],
  // OOMKilled is left to the oom-killed detector
  ['crash loop after OOM', 'crash-loop-back-off', makeSnapshot({ objects: [crashing(137, 'OOMKilled')] }), []],
  ['oom killed', 'oom-killed', makeSnapshot({ objects: [crashing(137, 'OOMKilled')] }), ['oom-killed']],
  // a running healthy container is not a crash loop
  ['healthy pod', 'crash-loop-back-off', makeSnapshot(), []],
  // old restart on a container ready for hours: info only
  ['old restart', 'container-terminated', makeSnapshot({ objects: [makePod({ containerStatuses: [makeContainerStatus({ lastTerminated: { exitCode: 1, finishedAt: minutesAgo(300), startedAt: minutesAgo(400) } })] })] }), []],
  // recent restart of a now-running container: warning
  ['recent restart', 'container-terminated', makeSnapshot({ objects: [makePod({ containerStatuses: [makeContainerStatus({ lastTerminated: { exitCode: 2 } })] })] }), ['app-crash']],
  // Job pod that Succeeded even though a sidecar exited 143
  ['completed job pod', 'container-terminated', makeSnapshot({ objects: [makePod({ phase: 'Succeeded', owner: { kind: 'Job', name: 'report-1' }, containerStatuses: [makeContainerStatus({ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } }, ready: false }), makeContainerStatus({ name: 'proxy', state: { terminated: { exitCode: 143, reason: 'Error' } }, ready: false })] })] }), []],
  ['image tag missing', 'image-pull-back-off', makeSnapshot({ objects: [waitingPod('ErrImagePull', 'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/shop/web:1.4.2": failed to resolve reference "registry.example.com/shop/web:1.4.2": registry.example.com/shop/web:1.4.2: not found')] }), ['image-not-found']],
  // the back-off status has no reason; the event carries it
  ['image auth via event', 'image-pull-back-off', makeSnapshot({ objects: [waitingPod('ImagePullBackOff', 'Back-off pulling image "registry.example.com/shop/web:1.4.2"')], events: [makeEvent({ reason: 'Failed', container: 'app', message: 'Failed to pull image "registry.example.com/shop/web:1.4.2": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized' })] }), ['image-pull-auth']],
  ['invalid image name', 'image-pull-back-off', makeSnapshot({ objects: [waitingPod('InvalidImageName', 'Failed to apply default image tag "Web:latest": couldn\'t parse image reference "Web:latest": invalid reference format: repository name must be lowercase')] }), ['invalid-image-name']],
  ['missing configmap', 'create-container-config-error', makeSnapshot({ objects: [waitingPod('CreateContainerConfigError', 'configmap "app-config" not found')] }), ['missing-configmap']],
  ['missing secret', 'create-container-config-error', makeSnapshot({ objects: [waitingPod('CreateContainerConfigError', 'secret "db-creds" not found')] }), ['missing-secret']],
  ['missing key', 'create-container-config-error', makeSnapshot({ objects: [waitingPod('CreateContainerConfigError', "couldn't find key DB_HOST in ConfigMap shop/app-config")] }), ['missing-config-key']],
  ['exec not found', 'run-container-error', makeSnapshot({ objects: [waitingPod('RunContainerError', 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "gunicornn": executable file not found in $PATH: unknown')] }), ['command-error']],
  // scheduler: capacity binds even though the control-plane node is tainted
  ['mixed scheduling reasons', 'failed-scheduling', makeSnapshot({ objects: [pendingPod()], events: [makeEvent({ reason: 'FailedScheduling', series: true, count: 12, component: 'default-scheduler', message: '0/5 nodes are available: 2 Insufficient memory, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.' })] }), ['insufficient-resources']],
  ['only taints', 'failed-scheduling', makeSnapshot({ objects: [pendingPod()], events: [makeEvent({ reason: 'FailedScheduling', message: '0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' })] }), ['untolerated-taint']],
  ['unbound pvc', 'failed-scheduling', makeSnapshot({ objects: [pendingPod()], events: [makeEvent({ reason: 'FailedScheduling', message: '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' })] }), ['pvc-unbound']],
  // a scheduled running pod with an old FailedScheduling event is fine
  ['scheduled pod', 'failed-scheduling', makeSnapshot({ events: [makeEvent({ reason: 'FailedScheduling', message: '0/3 nodes are available: 3 Insufficient cpu.' })] }), []],
  ['liveness kill', 'liveness-probe-failed', makeSnapshot({ objects: [crashing(137)], events: [makeEvent({ reason: 'Unhealthy', container: 'app', count: 9, message: 'Liveness probe failed: HTTP probe failed with statuscode: 500' }), makeEvent({ reason: 'Killing', type: 'Normal', container: 'app', message: 'Container app failed liveness probe, will be restarted' })] }), ['liveness-probe-failure']],
  ['readiness failing', 'readiness-probe-failed', makeSnapshot({ objects: [makePod({ containerStatuses: [makeContainerStatus({ ready: false })] })], events: [makeEvent({ reason: 'Unhealthy', container: 'app', message: 'Readiness probe failed: Get "http://10.244.1.23:8080/ready": dial tcp 10.244.1.23:8080: connect: connection refused' })] }), ['readiness-probe-failure']],
  // a ready container with an old readiness blip is fine
  ['readiness blip on ready pod', 'readiness-probe-failed', makeSnapshot({ events: [makeEvent({ reason: 'Unhealthy', container: 'app', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503' })] }), []],
  ['evicted', 'evicted', makeSnapshot({ objects: [makePod({ phase: 'Failed', containerStatuses: [], status: { reason: 'Evicted', message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container app was using 1.2Gi, request is 512Mi, has larger consumption of memory.' } })] }), ['evicted']],
  ['failed mount', 'failed-mount', makeSnapshot({ objects: [makePod({ phase: 'Pending', containerStatuses: [makeContainerStatus({ waiting: 'ContainerCreating' })] })], events: [makeEvent({ reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "data" : rpc error: code = Internal desc = mount failed: exit status 32' })] }), ['volume-mount-failure']],
  // a mount failing on a missing ConfigMap is a missing ConfigMap
  ['mount missing configmap', 'failed-mount', makeSnapshot({ objects: [makePod({ phase: 'Pending', containerStatuses: [makeContainerStatus({ waiting: 'ContainerCreating' })] })], events: [makeEvent({ reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "config" : configmap "nginx-conf" not found' })] }), ['missing-configmap']],
  ['sandbox', 'failed-create-pod-sandbox', makeSnapshot({ objects: [makePod({ phase: 'Pending', containerStatuses: [makeContainerStatus({ waiting: 'ContainerCreating' })] })], events: [makeEvent({ reason: 'FailedCreatePodSandBox', message: 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "3f2a": plugin type="calico" failed (add): failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254' })] }), ['sandbox-failure']],
  ['stuck terminating', 'stuck-terminating', makeSnapshot({ objects: [makePod({ metadata: { name: 'web-7d9f8c6b5-x2kq7', deletionTimestamp: minutesAgo(45), finalizers: ['example.com/cleanup'] } })] }), ['stuck-terminating']],
  // deletion just requested, still within grace period
  ['just deleted', 'stuck-terminating', makeSnapshot({ objects: [makePod({ metadata: { name: 'web-7d9f8c6b5-x2kq7', deletionTimestamp: minutesAgo(1) } })] }), []],
  ['crash log dependency', 'log-error-signatures', makeSnapshot({ objects: [crashing(1)], logs: [{ pod: 'web-7d9f8c6b5-x2kq7', container: 'app', previous: true, text: 'starting\nFATAL failed to connect to orders-db:5432: dial tcp 10.96.4.2:5432: connect: connection refused' }] }), ['missing-dependency']],
  // a healthy running container logging retries is not a finding
  ['healthy pod noisy log', 'log-error-signatures', makeSnapshot({ logs: [{ pod: 'web-7d9f8c6b5-x2kq7', container: 'app', previous: false, text: 'WARN redis connection refused, retrying\nINFO connected' }] }), []],
  ['memory near limit', 'metric-thresholds', makeSnapshot({ metrics: [{ pod: 'web-7d9f8c6b5-x2kq7', container: 'app', memory: '250Mi', cpu: '100m' }] }), ['oom-killed']],
  ['memory fine', 'metric-thresholds', makeSnapshot({ metrics: [{ pod: 'web-7d9f8c6b5-x2kq7', container: 'app', memory: '120Mi', cpu: '100m' }] }), []],
];

describe('detectors', () => {
  it.each(cases)('%s (%s)', (_name, id, snapshot, expected) => {
    expect(fired(snapshot, id)).toEqual(expected);
  });

  it('init container failure quotes the init log root cause', () => {
    const pod = makePod({
      phase: 'Pending',
      initContainers: [makeContainer({ name: 'migrate' })],
      initContainerStatuses: [makeContainerStatus({ name: 'migrate', waiting: 'CrashLoopBackOff', lastTerminated: { exitCode: 1 } })],
      containerStatuses: [makeContainerStatus({ waiting: 'PodInitializing' })],
    });
    const snapshot = makeSnapshot({ objects: [pod], logs: [{ pod: pod.metadata.name, container: 'migrate', previous: true, text: 'Flyway 10\nERROR: Validate failed: Migrations have failed validation\nDetected failed migration to version 42' }] });
    const [finding] = DETECTORS.find((d) => d.id === 'init-container-failure')!.detect(snapshot);
    expect(finding?.category).toBe('init-container-failure');
    expect(finding?.container).toBe('migrate');
  });

  it('a config file error names the ConfigMap the file is mounted from', () => {
    // The log names a path; the pod mounts ConfigMap edge-nginx at the directory holding it.
    const base = crashing(1);
    const pod = { ...base, spec: { ...base.spec!, containers: [makeContainer({ name: 'app', volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d' }] })], volumes: [{ name: 'conf', configMap: { name: 'edge-nginx' } }] } };
    const snapshot = makeSnapshot({ objects: [pod], logs: [{ pod: pod.metadata.name, container: 'app', previous: true, text: '2026/11/20 09:58:01 [emerg] 1#1: invalid number of arguments in "proxy_pass" directive in /etc/nginx/conf.d/site.conf:12' }] });
    const [finding] = DETECTORS.find((d) => d.id === 'log-error-signatures')!.detect(snapshot);
    expect(finding?.category).toBe('config-error');
    expect(finding?.fixes[0]).toMatchObject({ description: expect.stringContaining('/etc/nginx/conf.d/site.conf comes from ConfigMap edge-nginx'), command: 'kubectl edit configmap edge-nginx -n shop' });
  });

  it('a command that is not in the image is named, before the generic investigation steps', async () => {
    const { diagnose } = await import('../../pipeline/diagnose.js');
    const snapshot = makeSnapshot({ objects: [crashing(127)], logs: [{ pod: 'web-7d9f8c6b5-x2kq7', container: 'app', previous: true, text: '/bin/sh: 1: exec: uvicorn: not found' }] });
    const { diagnosis } = await diagnose(snapshot, { patterns: null });
    expect(diagnosis.category).toBe('command-error');
    expect(diagnosis.findings[0]?.fixes[0]?.description).toMatch(/^uvicorn is not in the image on PATH/);
  });

  it('quota FailedCreate on the newest ReplicaSet of a Deployment target', () => {
    const deployment = makeWorkload('Deployment', 'web', { spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } } });
    const rs = makeWorkload('ReplicaSet', 'web-7d9f8c6b5', { owner: { kind: 'Deployment', name: 'web' }, revision: 2, spec: { replicas: 3 }, status: { replicas: 1 } });
    const snapshot = makeSnapshot({
      target: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      objects: [deployment, rs],
      events: [makeEvent({ kind: 'ReplicaSet', name: 'web-7d9f8c6b5', reason: 'FailedCreate', component: 'replicaset-controller', message: 'Error creating: pods "web-7d9f8c6b5-abcde" is forbidden: exceeded quota: compute-quota, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi' })],
    });
    const [finding] = DETECTORS.find((d) => d.id === 'failed-create')!.detect(snapshot);
    expect(finding?.category).toBe('quota-exceeded');
    expect(finding?.fixes.map((f) => f.command).join('\n')).toContain('kubectl describe resourcequota compute-quota -n shop');
  });

  it('a Pod Security denial on FailedCreate stops the rollout but is not a quota problem', () => {
    // Same FailedCreate/forbidden shape as a quota denial, but no ResourceQuota or LimitRange is involved.
    const deployment = makeWorkload('Deployment', 'web', { spec: { replicas: 2, selector: { matchLabels: { app: 'web' } } } });
    const rs = makeWorkload('ReplicaSet', 'web-7d9f8c6b5', { owner: { kind: 'Deployment', name: 'web' }, revision: 5, spec: { replicas: 2 }, status: { replicas: 0 } });
    const snapshot = makeSnapshot({
      target: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      objects: [deployment, rs],
      events: [makeEvent({ kind: 'ReplicaSet', name: 'web-7d9f8c6b5', reason: 'FailedCreate', component: 'replicaset-controller', message: 'Error creating: pods "web-7d9f8c6b5-x1x2x" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)' })],
    });
    const [finding] = DETECTORS.find((d) => d.id === 'failed-create')!.detect(snapshot);
    expect(finding?.category).toBe('rollout-stuck');
    expect(finding?.title).toContain('Pod Security level restricted:latest');
    expect(finding?.fixes.map((f) => f.description).join('\n')).toContain('securityContext.runAsNonRoot=true');
    expect(finding?.fixes.map((f) => f.command).join('\n')).toContain('kubectl rollout undo deployment/web -n shop');
  });

  it('an unreachable admission webhook blocking pod creation names the webhook and its Service', () => {
    const deployment = makeWorkload('Deployment', 'web', { spec: { replicas: 2, selector: { matchLabels: { app: 'web' } } } });
    const rs = makeWorkload('ReplicaSet', 'web-7d9f8c6b5', { owner: { kind: 'Deployment', name: 'web' }, revision: 3, spec: { replicas: 2 }, status: { replicas: 0 } });
    const snapshot = makeSnapshot({
      target: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      objects: [deployment, rs],
      events: [makeEvent({ kind: 'ReplicaSet', name: 'web-7d9f8c6b5', reason: 'FailedCreate', component: 'replicaset-controller', message: 'Error creating: Internal error occurred: failed calling webhook "sidecar-injector.istio.io": failed to call webhook: Post "https://istiod.istio-system.svc:443/inject?timeout=10s": no endpoints available for service "istiod"' })],
    });
    const [finding] = DETECTORS.find((d) => d.id === 'failed-create')!.detect(snapshot);
    expect(finding?.category).toBe('rollout-stuck');
    expect(finding?.fixes[0]?.description).toContain('admission webhook sidecar-injector.istio.io');
    expect(finding?.fixes[0]?.command).toBe('kubectl get endpoints istiod -n istio-system && kubectl get pods -n istio-system');
  });

  it('OOM fix suggests a concrete higher limit for the owning deployment', () => {
    const [finding] = DETECTORS.find((d) => d.id === 'oom-killed')!.detect(makeSnapshot({ objects: [crashing(137, 'OOMKilled')] }));
    expect(finding?.fixes[0]?.patch).toContain('memory: 512Mi');
    expect(finding?.fixes[0]?.command).toContain('deployment/web');
  });
});

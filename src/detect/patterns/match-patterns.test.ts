import { describe, expect, it } from 'vitest';
import type { Finding } from '../../domain/diagnosis.js';
import type { ClusterEvent, ContainerStatus, K8sObject, Pod } from '../../domain/k8s-objects.js';
import type { LogExcerpt, Snapshot } from '../../domain/snapshot.js';
import { loadDefaultPatterns } from './load-patterns.js';
import { matchPatterns } from './match-patterns.js';
import { MAX_PATTERN_CONFIDENCE } from './pattern-finding.js';

const NS = 'shop';
const POD = 'web-7d9f8c6b5-x2kq9';
const library = loadDefaultPatterns();

function makePod(overrides: { phase?: string; statuses?: ContainerStatus[]; initStatuses?: ContainerStatus[]; conditions?: { type: string; status: string; reason?: string; message?: string }[]; deletionTimestamp?: string; finalizers?: string[]; nodeName?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: POD,
      namespace: NS,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8c6b5', controller: true }],
      ...(overrides.deletionTimestamp ? { deletionTimestamp: overrides.deletionTimestamp } : {}),
      ...(overrides.finalizers ? { finalizers: overrides.finalizers } : {}),
    },
    spec: {
      nodeName: overrides.nodeName ?? 'node-a',
      containers: [{ name: 'app', image: 'registry.example.com/shop/web:2.4.1', ports: [{ containerPort: 8080 }] }],
    },
    status: {
      phase: overrides.phase ?? 'Running',
      conditions: overrides.conditions ?? [],
      containerStatuses: overrides.statuses ?? [running('app')],
      ...(overrides.initStatuses ? { initContainerStatuses: overrides.initStatuses } : {}),
    },
  };
}

function running(name: string, restartCount = 0): ContainerStatus {
  return { name, ready: true, restartCount, state: { running: { startedAt: '2026-11-20T06:00:00Z' } } };
}

function crashLooping(name: string, lastReason: string, exitCode: number): ContainerStatus {
  return {
    name,
    ready: false,
    restartCount: 7,
    state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${name} pod=${POD}_${NS}(4f1c2a9e-1111-2222-3333-444455556666)` } },
    lastState: { terminated: { exitCode, reason: lastReason, startedAt: '2026-11-20T09:58:01Z', finishedAt: '2026-11-20T09:58:03Z' } },
  };
}

function waiting(name: string, reason: string, message?: string): ContainerStatus {
  return { name, ready: false, restartCount: 0, state: { waiting: { reason, ...(message ? { message } : {}) } } };
}

function event(type: 'Warning' | 'Normal', reason: string, message: string, involved: Partial<ClusterEvent['involvedObject']> = {}): ClusterEvent {
  return {
    involvedObject: { kind: 'Pod', name: POD, namespace: NS, ...involved },
    reason,
    message,
    type,
    count: 12,
    firstTimestamp: '2026-11-20T09:40:00Z',
    lastTimestamp: '2026-11-20T09:59:00Z',
  };
}

function snapshotOf(pod: Pod, parts: { events?: ClusterEvent[]; logs?: LogExcerpt[]; objects?: K8sObject[] } = {}): Snapshot {
  return {
    apiVersion: 'k8sdiag/v1',
    kind: 'Snapshot',
    metadata: { collectedAt: '2026-11-20T10:00:00Z' },
    target: { kind: 'Pod', namespace: NS, name: POD },
    objects: [pod, ...(parts.objects ?? [])],
    events: parts.events ?? [],
    logs: parts.logs ?? [],
  };
}

function detectorFinding(category: Finding['category'], container: string | null = 'app'): Finding {
  return { category, severity: 'critical', container, title: 't', rootCause: 'r', evidence: [], fixes: [], detectors: ['some-detector'], patterns: [], confidence: 0.85 };
}

function previousLog(text: string, container = 'app'): LogExcerpt {
  return { pod: POD, container, previous: true, text, truncated: false };
}

describe('matchPatterns: crash loops', () => {
  const nodeLog = [
    '> shop-web@2.4.1 start',
    '> node server.js',
    'listening config loaded from /etc/shop/config.json',
    'Error: connect ECONNREFUSED 10.96.12.40:5432',
    '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {',
    "  errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '10.96.12.40', port: 5432",
    '}',
  ].join('\n');
  const snapshot = snapshotOf(makePod({ statuses: [crashLooping('app', 'Error', 1)] }), {
    events: [event('Warning', 'BackOff', `Back-off restarting failed container app in pod ${POD}_${NS}(4f1c2a9e)`, { fieldPath: 'spec.containers{app}' })],
    logs: [previousLog(nodeLog)],
  });

  it('tags the detector finding with the crash-loop pattern', () => {
    const result = matchPatterns(snapshot, [detectorFinding('app-crash')], library);
    expect(result.findings[0]?.patterns).toContain('crash-loop-back-off');
    expect(result.findings[0]?.detectors).toEqual(['some-detector']);
  });

  it('tags with the stack that matches the log, not every stack whose triggers fired', () => {
    const goLog = 'panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/cmd/api/main.go:42 +0x1d';
    const go = snapshotOf(makePod({ statuses: [crashLooping('app', 'Error', 2)] }), { logs: [previousLog(goLog)] });
    const patterns = matchPatterns(go, [detectorFinding('app-crash')], library).findings[0]?.patterns;
    expect(patterns).toContain('app-crash-go');
    expect(patterns).not.toContain('app-crash-python');
    expect(patterns).not.toContain('app-crash-java');
  });

  it('contributes a missing-dependency finding from the log line no detector quoted', () => {
    const result = matchPatterns(snapshot, [detectorFinding('app-crash')], library);
    const contributed = result.findings.find((f) => f.category === 'missing-dependency');
    expect(contributed).toBeDefined();
    expect(contributed?.detectors[0]).toMatch(/^pattern:/);
    expect(contributed?.evidence[0]).toMatchObject({ source: 'log', text: 'Error: connect ECONNREFUSED 10.96.12.40:5432', location: `pod/${POD} container app (previous log)` });
    expect(contributed?.confidence).toBeLessThanOrEqual(MAX_PATTERN_CONFIDENCE);
    expect(contributed?.confidence).toBeLessThan(0.85);
    expect(contributed?.fixes[0]?.command).toContain(`-n ${NS}`);
    expect(contributed?.container).toBe('app');
  });

  it('does not add a second finding for a category a detector already reported', () => {
    const result = matchPatterns(snapshot, [detectorFinding('app-crash'), detectorFinding('missing-dependency')], library);
    expect(result.findings.filter((f) => f.category === 'missing-dependency')).toHaveLength(1);
    expect(result.findings.find((f) => f.category === 'missing-dependency')?.patterns).toContain('missing-dependency');
  });

  it('takes the root of a Java exception chain, not its top', () => {
    const javaLog = [
      'Exception in thread "main" org.springframework.beans.factory.BeanCreationException: Error creating bean with name \'dataSource\'',
      '\tat org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.doCreateBean(AbstractAutowireCapableBeanFactory.java:628)',
      'Caused by: java.lang.IllegalStateException: Failed to load keystore',
      '\tat com.example.shop.TlsConfig.keyStore(TlsConfig.java:41)',
      'Caused by: java.io.FileNotFoundException: /etc/shop/tls/keystore.jks (No such file or directory)',
      '\t... 31 more',
    ].join('\n');
    const java = snapshotOf(makePod({ statuses: [crashLooping('app', 'Error', 1)] }), { logs: [previousLog(javaLog)] });
    const crash = matchPatterns(java, [], library).findings.find((f) => f.category === 'app-crash');
    expect(crash?.title).toContain('java.io.FileNotFoundException');
    expect(crash?.evidence[0]?.text).toMatch(/^Caused by: java\.io\.FileNotFoundException/);
  });

  it('attaches oom patterns to an OOMKilled finding and adds nothing it already covers', () => {
    const oom = snapshotOf(makePod({ statuses: [crashLooping('app', 'OOMKilled', 137)] }));
    const result = matchPatterns(oom, [detectorFinding('oom-killed')], library);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.patterns).toEqual(expect.arrayContaining(['oom-killed', 'crash-loop-back-off']));
    expect(result.matches.some((m) => m.patternId === 'oom-killed' && m.category === 'oom-killed' && m.text.includes('Reason: OOMKilled'))).toBe(true);
  });
});

describe('matchPatterns: container creation and image pulls', () => {
  it('names the missing ConfigMap and fills it into the fix', () => {
    const snapshot = snapshotOf(makePod({ phase: 'Pending', statuses: [waiting('app', 'CreateContainerConfigError', 'configmap "shop-config" not found')] }), {
      events: [event('Warning', 'Failed', 'Error: configmap "shop-config" not found', { fieldPath: 'spec.containers{app}' })],
    });
    const finding = matchPatterns(snapshot, [], library).findings.find((f) => f.category === 'missing-configmap');
    expect(finding?.title).toBe('ConfigMap shop-config referenced by app does not exist');
    expect(finding?.fixes[0]?.command).toBe('kubectl -n shop create configmap shop-config --from-env-file=<file>');
    expect(finding?.evidence[0]?.source).toBe('status');
  });

  it('tells a missing key from a missing Secret', () => {
    const message = "couldn't find key DB_PASSWORD in Secret shop/db-credentials";
    const snapshot = snapshotOf(makePod({ phase: 'Pending', statuses: [waiting('app', 'CreateContainerConfigError', message)] }));
    const categories = matchPatterns(snapshot, [], library).findings.map((f) => f.category);
    expect(categories).toContain('missing-config-key');
    expect(categories).not.toContain('missing-secret');
    const finding = matchPatterns(snapshot, [], library).findings.find((f) => f.category === 'missing-config-key');
    expect(finding?.title).toBe('Key DB_PASSWORD is missing from Secret db-credentials');
  });

  it('classifies a 401 from the registry as an auth problem, not a missing image', () => {
    const message =
      'Failed to pull image "registry.example.com/shop/web:2.4.1": failed to pull and unpack image "registry.example.com/shop/web:2.4.1": failed to resolve reference "registry.example.com/shop/web:2.4.1": unexpected status from HEAD request to https://registry.example.com/v2/shop/web/manifests/2.4.1: 401 Unauthorized';
    const snapshot = snapshotOf(makePod({ phase: 'Pending', statuses: [waiting('app', 'ImagePullBackOff', 'Back-off pulling image "registry.example.com/shop/web:2.4.1"')] }), {
      events: [event('Warning', 'Failed', message, { fieldPath: 'spec.containers{app}' })],
    });
    const categories = matchPatterns(snapshot, [], library).findings.map((f) => f.category);
    expect(categories).toContain('image-pull-auth');
    expect(categories).not.toContain('image-not-found');
  });

  it('classifies a manifest that does not exist as image-not-found', () => {
    const message =
      'Failed to pull image "nginx:1.277": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.277": failed to resolve reference "docker.io/library/nginx:1.277": docker.io/library/nginx:1.277: not found';
    const snapshot = snapshotOf(makePod({ phase: 'Pending', statuses: [waiting('app', 'ErrImagePull', message)] }), { events: [event('Warning', 'Failed', message)] });
    const result = matchPatterns(snapshot, [], library);
    expect(result.findings.map((f) => f.category)).toEqual(['image-not-found']);
    expect(result.findings[0]?.fixes[0]?.command).toContain('kubectl -n shop set image deployment/web app=');
  });
});

describe('matchPatterns: scheduling', () => {
  it('reads a scheduler event stored with eventTime and series instead of counts', () => {
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const scheduler: ClusterEvent = {
      involvedObject: { kind: 'Pod', name: POD, namespace: NS },
      reason: 'FailedScheduling',
      message,
      type: 'Warning',
      count: null,
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: '2026-11-20T09:41:12.402117Z',
      series: { count: 9, lastObservedTime: '2026-11-20T09:58:40.120000Z' },
      reportingComponent: 'default-scheduler',
    };
    const pod = makePod({ phase: 'Pending', statuses: [], conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }] });
    const result = matchPatterns(snapshotOf(pod, { events: [scheduler] }), [], library);
    const insufficient = result.findings.find((f) => f.category === 'insufficient-resources');
    expect(insufficient?.title).toBe('No node has enough memory for the pod');
    expect(insufficient?.evidence[0]?.location).toBe(`event FailedScheduling on pod/${POD} (x9)`);
    expect(result.matches.map((m) => m.category)).toEqual(expect.arrayContaining(['insufficient-resources', 'untolerated-taint']));
  });

  it('explains a Deployment whose pods are refused by a ResourceQuota', () => {
    const deployment: K8sObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: NS },
      spec: { replicas: 3 },
      status: { replicas: 0, unavailableReplicas: 3, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-7d9f8c6b5-abcde" is forbidden: exceeded quota: compute-quota, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi' }] },
    };
    const snapshot: Snapshot = {
      apiVersion: 'k8sdiag/v1',
      kind: 'Snapshot',
      metadata: { collectedAt: '2026-11-20T10:00:00Z' },
      target: { kind: 'Deployment', namespace: NS, name: 'web' },
      objects: [deployment],
      events: [
        event('Warning', 'FailedCreate', 'Error creating: pods "web-7d9f8c6b5-abcde" is forbidden: exceeded quota: compute-quota, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi', { kind: 'ReplicaSet', name: 'web-7d9f8c6b5' }),
      ],
      logs: [],
    };
    const finding = matchPatterns(snapshot, [], library).findings.find((f) => f.category === 'quota-exceeded');
    expect(finding?.title).toBe('ResourceQuota compute-quota has no room for another pod');
    expect(finding?.fixes[0]?.command).toBe('kubectl -n shop describe resourcequota compute-quota');
  });
});

describe('matchPatterns: secrets in quoted lines', () => {
  it('redacts a password the app printed before quoting its log line', () => {
    const log = 'connecting to postgres://shop:S3cr3tPassw0rd@db.shop.svc:5432/orders\nError: connect ECONNREFUSED 10.96.12.40:5432 (url=postgres://shop:S3cr3tPassw0rd@db.shop.svc:5432/orders)';
    const snapshot = snapshotOf(makePod({ statuses: [crashLooping('app', 'Error', 1)] }), { logs: [previousLog(log)] });
    const result = matchPatterns(snapshot, [], library);
    const dependency = result.findings.find((f) => f.category === 'missing-dependency');
    expect(dependency?.evidence[0]?.text).toContain('ECONNREFUSED');
    expect(JSON.stringify(result)).not.toContain('S3cr3tPassw0rd');
  });
});

describe('matchPatterns: stuck deletion', () => {
  const finalizer = 'realtime.example.io/drain-sessions';
  const terminated: ContainerStatus = { name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } };

  it('names the finalizer of a pod deleted long ago', () => {
    const pod = makePod({ phase: 'Succeeded', statuses: [terminated], deletionTimestamp: '2026-11-20T09:10:00Z', finalizers: [finalizer] });
    const finding = matchPatterns(snapshotOf(pod), [], library).findings.find((f) => f.category === 'stuck-terminating');
    expect(finding?.title).toBe(`Finalizer ${finalizer} keeps the pod from being deleted`);
    expect(finding?.evidence[0]?.text).toContain('deletion deadline passed 50m before the snapshot');
  });

  it('leaves a pod alone that is still within its grace period', () => {
    const pod = makePod({ phase: 'Running', deletionTimestamp: '2026-11-20T10:00:20Z', finalizers: [finalizer] });
    expect(matchPatterns(snapshotOf(pod), [], library).findings).toEqual([]);
  });
});

describe('matchPatterns: what it must not match', () => {
  it('ignores Normal events on a healthy pod', () => {
    const snapshot = snapshotOf(makePod(), {
      events: [
        event('Normal', 'Scheduled', `Successfully assigned ${NS}/${POD} to node-a`),
        event('Normal', 'Pulled', 'Container image "registry.example.com/shop/web:2.4.1" already present on machine'),
        event('Normal', 'Created', 'Created container app'),
        event('Normal', 'Started', 'Started container app'),
      ],
    });
    const result = matchPatterns(snapshot, [], library);
    expect(result.matches).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('adds nothing for a pod that restarted hours ago and is Ready now', () => {
    const snapshot = snapshotOf(makePod({ statuses: [{ ...running('app', 3), lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-11-20T04:00:00Z' } } }] }), {
      events: [event('Warning', 'BackOff', `Back-off restarting failed container app in pod ${POD}_${NS}`)],
      logs: [previousLog('Error: connect ECONNREFUSED 10.96.12.40:5432')],
    });
    expect(matchPatterns(snapshot, [], library).findings).toEqual([]);
  });

  it('adds nothing for a completed Job pod whose sidecar exited non-zero', () => {
    const pod = makePod({
      phase: 'Succeeded',
      statuses: [
        { name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        { name: 'istio-proxy', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'Error' } } },
      ],
    });
    expect(matchPatterns(snapshotOf(pod), [], library).findings).toEqual([]);
  });
});

describe('matchPatterns: bounded work on huge logs', () => {
  it('reads only the tail of a very large log, quickly', () => {
    const noise = Array.from({ length: 200_000 }, (_, i) => `2026-11-20T09:00:00Z INFO request ${i} served in 3ms`).join('\n');
    const text = `${'panic: early line outside the tail\n'}${noise}\npanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6f2c1a]`;
    const snapshot = snapshotOf(makePod({ statuses: [crashLooping('app', 'Error', 2)] }), { logs: [previousLog(text)] });
    const started = performance.now();
    const crash = matchPatterns(snapshot, [], library).findings.find((f) => f.category === 'app-crash');
    const elapsed = performance.now() - started;
    expect(crash?.evidence[0]?.text).toBe('panic: runtime error: invalid memory address or nil pointer dereference');
    expect(elapsed).toBeLessThan(1000);
  });
});

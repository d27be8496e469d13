import type {
  ClusterEvent,
  Container,
  ContainerState,
  ContainerStatus,
  K8sObject,
  Pod,
  Workload,
} from '../../src/domain/k8s-objects.js';
import type { CollectionError, LogExcerpt, PodMetric, Snapshot, Target } from '../../src/domain/snapshot.js';

/**
 * Builders with realistic defaults in the raw API JSON shape (`kubectl get -o json`),
 * so tests read as "a pod like this, with that event" rather than 80 lines of JSON.
 */

export const COLLECTED_AT = '2026-11-20T10:00:00Z';

/** ISO time `minutes` before COLLECTED_AT (negative = after). */
export function minutesAgo(minutes: number, from: string = COLLECTED_AT): string {
  return new Date(Date.parse(from) - minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

export function makeContainer(overrides: Partial<Container> = {}): Container {
  return {
    name: 'app',
    image: 'registry.example.com/shop/web:1.4.2',
    imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    ...overrides,
  };
}

export interface ContainerStatusOptions extends Partial<ContainerStatus> {
  /** Shorthand for state.waiting. */
  waiting?: string;
  waitingMessage?: string;
  /** Shorthand for lastState.terminated. */
  lastTerminated?: { exitCode: number; reason?: string; message?: string; finishedAt?: string; startedAt?: string };
}

export function makeContainerStatus(options: ContainerStatusOptions = {}): ContainerStatus {
  const { waiting, waitingMessage, lastTerminated, ...rest } = options;
  const name = rest.name ?? 'app';
  const state: ContainerState = waiting
    ? { waiting: { reason: waiting, ...(waitingMessage ? { message: waitingMessage } : {}) } }
    : { running: { startedAt: minutesAgo(120) } };
  const lastState: ContainerState = lastTerminated
    ? {
        terminated: {
          exitCode: lastTerminated.exitCode,
          reason: lastTerminated.reason ?? (lastTerminated.exitCode === 0 ? 'Completed' : 'Error'),
          ...(lastTerminated.message ? { message: lastTerminated.message } : {}),
          startedAt: lastTerminated.startedAt ?? minutesAgo(3),
          finishedAt: lastTerminated.finishedAt ?? minutesAgo(2),
          containerID: `containerd://${'a'.repeat(64)}`,
        },
      }
    : {};
  const running = !waiting && !rest.state?.terminated && !rest.state?.waiting;
  return {
    name,
    ready: running,
    started: running,
    restartCount: lastTerminated ? 5 : 0,
    image: 'registry.example.com/shop/web:1.4.2',
    imageID: 'registry.example.com/shop/web@sha256:' + 'b'.repeat(64),
    containerID: `containerd://${'c'.repeat(64)}`,
    state,
    lastState,
    ...rest,
  };
}

export interface PodOptions {
  name?: string;
  namespace?: string;
  phase?: string;
  node?: string;
  containers?: Container[];
  initContainers?: Container[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  /** Owner ReplicaSet name; default derives `web-7d9f8c6b5` from `web-7d9f8c6b5-x2kq`. null = bare pod. */
  owner?: { kind: string; name: string } | null;
  ready?: boolean;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  createdMinutesAgo?: number;
  labels?: Record<string, string>;
  metadata?: Partial<Pod['metadata']>;
  spec?: Partial<NonNullable<Pod['spec']>>;
  status?: Partial<NonNullable<Pod['status']>>;
}

export function makePod(options: PodOptions = {}): Pod {
  const name = options.name ?? 'web-7d9f8c6b5-x2kq7';
  const namespace = options.namespace ?? 'shop';
  const containers = options.containers ?? [makeContainer()];
  const statuses = options.containerStatuses ?? containers.map((c) => makeContainerStatus({ name: c.name }));
  const ready = options.ready ?? statuses.every((s) => s.ready);
  const phase = options.phase ?? 'Running';
  const owner = options.owner === undefined ? { kind: 'ReplicaSet', name: name.replace(/-[a-z0-9]{4,5}$/, '') } : options.owner;
  const created = minutesAgo(options.createdMinutesAgo ?? 180);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      creationTimestamp: created,
      labels: options.labels ?? { app: 'web', 'pod-template-hash': '7d9f8c6b5' },
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: `uid-${owner.name}`, controller: true }] } : {}),
      ...options.metadata,
    },
    spec: {
      containers,
      ...(options.initContainers ? { initContainers: options.initContainers } : {}),
      restartPolicy: 'Always',
      ...(phase === 'Pending' && !options.node ? {} : { nodeName: options.node ?? 'worker-1' }),
      serviceAccountName: 'default',
      ...options.spec,
    },
    status: {
      phase,
      conditions: options.conditions ?? [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False', ...(ready ? {} : { reason: 'ContainersNotReady' }) },
        { type: 'ContainersReady', status: ready ? 'True' : 'False' },
        { type: 'PodScheduled', status: 'True' },
      ],
      hostIP: '10.0.0.11',
      podIP: '10.244.1.23',
      startTime: created,
      qosClass: 'Burstable',
      containerStatuses: statuses,
      ...(options.initContainerStatuses ? { initContainerStatuses: options.initContainerStatuses } : {}),
      ...options.status,
    },
  };
}

export interface EventOptions {
  reason: string;
  message: string;
  type?: 'Normal' | 'Warning';
  kind?: string;
  name?: string;
  namespace?: string;
  container?: string;
  count?: number;
  firstMinutesAgo?: number;
  lastMinutesAgo?: number;
  component?: string;
  /** Use the events.k8s.io form the scheduler writes: null timestamps/count, eventTime + series. */
  series?: boolean;
}

export function makeEvent(options: EventOptions): ClusterEvent {
  const kind = options.kind ?? 'Pod';
  const name = options.name ?? 'web-7d9f8c6b5-x2kq7';
  const namespace = options.namespace ?? 'shop';
  const involvedObject = {
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    kind,
    name,
    namespace,
    uid: `uid-${name}`,
    ...(options.container ? { fieldPath: `spec.containers{${options.container}}` } : {}),
  };
  const first = minutesAgo(options.firstMinutesAgo ?? 30);
  const last = minutesAgo(options.lastMinutesAgo ?? 1);
  const base = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${options.reason.toLowerCase()}`, namespace, creationTimestamp: first },
    involvedObject,
    reason: options.reason,
    message: options.message,
    type: options.type ?? 'Warning',
  };
  if (options.series) {
    const count = options.count ?? 1;
    return {
      ...base,
      count: null,
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: first.replace('Z', '.000000Z'),
      series: count > 1 ? { count, lastObservedTime: last.replace('Z', '.000000Z') } : null,
      reportingComponent: options.component ?? 'default-scheduler',
      source: {},
      action: 'Scheduling',
    };
  }
  return {
    ...base,
    count: options.count ?? 1,
    firstTimestamp: first,
    lastTimestamp: last,
    eventTime: null,
    source: { component: options.component ?? 'kubelet', host: 'worker-1' },
  };
}

export function makeWorkload(kind: string, name: string, extra: Partial<Workload> & { namespace?: string; owner?: { kind: string; name: string }; revision?: number } = {}): Workload {
  const { namespace, owner, revision, ...rest } = extra;
  return {
    apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1',
    kind,
    ...rest,
    metadata: {
      name,
      namespace: namespace ?? 'shop',
      uid: `uid-${name}`,
      creationTimestamp: minutesAgo(600),
      ...(revision !== undefined ? { annotations: { 'deployment.kubernetes.io/revision': String(revision) } } : {}),
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: `uid-${owner.name}`, controller: true }] } : {}),
      ...rest.metadata,
    },
  };
}

export interface SnapshotOptions {
  target?: Target;
  objects?: K8sObject[];
  events?: ClusterEvent[];
  logs?: (Omit<LogExcerpt, 'truncated'> & { truncated?: boolean })[];
  metrics?: PodMetric[];
  collectionErrors?: CollectionError[];
  collectedAt?: string;
}

/** A snapshot; the target defaults to the first Pod in objects. */
export function makeSnapshot(options: SnapshotOptions = {}): Snapshot {
  const objects = options.objects ?? [makePod()];
  const firstPod = objects.find((o) => o.kind === 'Pod');
  const target: Target = options.target ?? {
    kind: 'Pod',
    namespace: firstPod?.metadata.namespace ?? 'shop',
    name: firstPod?.metadata.name ?? 'web-7d9f8c6b5-x2kq7',
  };
  return {
    apiVersion: 'k8sdiag/v1',
    kind: 'Snapshot',
    metadata: { collectedAt: options.collectedAt ?? COLLECTED_AT, context: 'test' },
    target,
    objects,
    events: options.events ?? [],
    logs: (options.logs ?? []).map((l) => ({ truncated: false, ...l })),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.collectionErrors ? { collectionErrors: options.collectionErrors } : {}),
  };
}

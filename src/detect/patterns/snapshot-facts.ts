import type { Condition, ContainerState, ContainerStatus, Container, Node, PersistentVolumeClaim, Pod, Probe, Workload } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { eventCount, objectsOfKind, replicaSetsOf, snapshotTime, targetObject, targetPods } from '../../domain/snapshot-view.js';
import { isSettledProbeEvent } from '../parse/probe-persistence.js';
import type { SignatureSource } from './pattern-schema.js';

/**
 * The snapshot flattened into one-line facts that signatures match against, each with the
 * place it came from. Status lines follow `kubectl describe` wording so quoted evidence
 * reads the way engineers know it.
 */
export interface Fact {
  readonly where: SignatureSource;
  readonly text: string;
  readonly location: string;
  readonly pod: string | null;
  readonly container: string | null;
  /** True for init-container status, spec and log facts. */
  readonly init?: boolean;
  /** Event reason, for `eventReasons` filters. */
  readonly reason?: string;
}

export function collectFacts(snapshot: Snapshot, pods: readonly Pod[] = targetPods(snapshot)): Fact[] {
  return [...eventFacts(snapshot), ...pods.flatMap((pod) => podFacts(snapshot, pod)), ...workloadFacts(snapshot), ...claimFacts(snapshot), ...nodeFacts(snapshot)];
}

/**
 * Only Warning events: Normal ones describe things going as planned. Probe failures from a
 * start-up that has since settled (see probe-persistence) are history, not symptoms.
 */
function eventFacts(snapshot: Snapshot): Fact[] {
  return snapshot.events
    .filter((event) => event.type === 'Warning' && typeof event.message === 'string' && event.message.length > 0 && !isSettledProbeEvent(snapshot, event))
    .map((event) => {
      const object = event.involvedObject;
      const container = /\{([^}]+)\}/.exec(object.fieldPath ?? '')?.[1] ?? null;
      const count = eventCount(event);
      return {
        where: 'event',
        text: event.message ?? '',
        location: `event ${event.reason ?? '?'} on ${(object.kind ?? 'object').toLowerCase()}/${object.name ?? '?'}${count > 1 ? ` (x${count})` : ''}`,
        pod: object.kind === 'Pod' ? (object.name ?? null) : null,
        container,
        ...(event.reason ? { reason: event.reason } : {}),
      } satisfies Fact;
    });
}

function podFacts(snapshot: Snapshot, pod: Pod): Fact[] {
  const name = pod.metadata.name;
  const at = `pod/${name}`;
  const facts: Fact[] = [];
  const status = pod.status;
  const add = (where: SignatureSource, text: string, location: string, container: string | null = null, init = false): void => {
    facts.push({ where, text, location, pod: name, container, ...(init ? { init } : {}) });
  };
  if (status?.phase || status?.reason) {
    add('status', describeLine([['Status', status.phase], ['Reason', status.reason], ['Message', status.message]]), at);
  }
  for (const condition of status?.conditions ?? []) {
    if (condition.status !== 'True') add('status', conditionLine(condition), at);
  }
  if (pod.metadata.deletionTimestamp) {
    // deletionTimestamp is the deadline (deletion request + grace period), not the request time.
    const minutes = Math.round((snapshotTime(snapshot) - Date.parse(pod.metadata.deletionTimestamp)) / 60000);
    const finalizers = pod.metadata.finalizers?.length ? `, Finalizers: ${pod.metadata.finalizers.join(', ')}` : '';
    const when = Number.isNaN(minutes) ? 'deletion deadline unknown' : minutes > 0 ? `deletion deadline passed ${minutes}m before the snapshot` : 'within its grace period';
    add('status', `Terminating (${when})${finalizers}`, at);
  }
  const statuses: [ContainerStatus, boolean][] = [
    ...(status?.initContainerStatuses ?? []).map((s): [ContainerStatus, boolean] => [s, true]),
    ...(status?.containerStatuses ?? []).map((s): [ContainerStatus, boolean] => [s, false]),
  ];
  for (const [containerStatus, init] of statuses) {
    const where = `${at} ${init ? 'init container' : 'container'} ${containerStatus.name}`;
    const current = stateLine('State', containerStatus.state);
    if (current) add('status', current, where, containerStatus.name, init);
    const last = stateLine('Last State', containerStatus.lastState);
    if (last) add('status', last, where, containerStatus.name, init);
  }
  const spec = pod.spec;
  const initNames = new Set((spec?.initContainers ?? []).map((c) => c.name));
  for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    const init = initNames.has(container.name);
    for (const line of containerSpecLines(container)) add('spec', line, `${at} spec ${init ? 'init container' : 'container'} ${container.name}`, container.name, init);
  }
  if (spec?.nodeSelector && Object.keys(spec.nodeSelector).length > 0) {
    add('spec', `Node-Selectors: ${Object.entries(spec.nodeSelector).map(([k, v]) => `${k}=${v}`).join(',')}`, `${at} spec`);
  }
  return facts;
}

function workloadFacts(snapshot: Snapshot): Fact[] {
  const target = targetObject(snapshot) as Workload | undefined;
  if (!target || snapshot.target.kind === 'Pod') return [];
  const owners: Workload[] = [target, ...(snapshot.target.kind === 'Deployment' ? replicaSetsOf(snapshot, target).slice(0, 2) : [])];
  return owners.flatMap((owner) =>
    (owner.status?.conditions ?? [])
      .filter((c) => !(c.status === 'True' && ['Available', 'Progressing', 'Complete'].includes(c.type)))
      .map((c): Fact => ({
        where: 'status',
        text: conditionLine(c),
        location: `${owner.kind.toLowerCase()}/${owner.metadata.name}`,
        pod: null,
        container: null,
      })),
  );
}

function claimFacts(snapshot: Snapshot): Fact[] {
  return objectsOfKind<PersistentVolumeClaim>(snapshot, 'PersistentVolumeClaim')
    .filter((claim) => claim.status?.phase !== 'Bound')
    .map((claim) => ({
      where: 'status',
      text: `Status: ${claim.status?.phase ?? 'Unknown'}${claim.spec?.storageClassName ? `, StorageClass: ${claim.spec.storageClassName}` : ''}`,
      location: `persistentvolumeclaim/${claim.metadata.name}`,
      pod: null,
      container: null,
    }));
}

function nodeFacts(snapshot: Snapshot): Fact[] {
  return objectsOfKind<Node>(snapshot, 'Node').flatMap((node) => {
    const at = `node/${node.metadata.name}`;
    const facts: Fact[] = [];
    for (const condition of node.status?.conditions ?? []) {
      const abnormal = condition.type === 'Ready' ? condition.status !== 'True' : condition.status === 'True';
      if (abnormal) facts.push({ where: 'node', text: conditionLine(condition), location: at, pod: null, container: null });
    }
    for (const taint of node.spec?.taints ?? []) {
      facts.push({ where: 'node', text: `Taints: ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`, location: at, pod: null, container: null });
    }
    if (node.spec?.unschedulable) facts.push({ where: 'node', text: 'Unschedulable: true', location: at, pod: null, container: null });
    return facts;
  });
}

export function stateLine(label: string, state: ContainerState | undefined): string | undefined {
  if (state?.waiting) return describeLine([[label, 'Waiting'], ['Reason', state.waiting.reason], ['Message', state.waiting.message]]);
  if (state?.terminated) {
    const t = state.terminated;
    return describeLine([[label, 'Terminated'], ['Reason', t.reason], ['Exit Code', String(t.exitCode)], ['Signal', t.signal?.toString()], ['Message', t.message]]);
  }
  return undefined;
}

export function conditionLine(condition: Condition): string {
  return describeLine([['Condition', `${condition.type}=${condition.status}`], ['Reason', condition.reason], ['Message', condition.message]]);
}

function describeLine(parts: [string, string | undefined | null][]): string {
  return parts
    .filter((part): part is [string, string] => typeof part[1] === 'string' && part[1].length > 0)
    .map(([key, value]) => `${key}: ${value.replace(/\s*\n\s*/g, ' ')}`)
    .join(', ');
}

function containerSpecLines(container: Container): string[] {
  const lines: string[] = [];
  if (container.image !== undefined) lines.push(`Image: ${container.image}`);
  if (container.command?.length) lines.push(`Command: ${container.command.join(' ')}`);
  if (container.args?.length) lines.push(`Args: ${container.args.join(' ')}`);
  if (container.ports?.length) lines.push(`Ports: ${container.ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ')}`);
  const limits = container.resources?.limits;
  if (limits && Object.keys(limits).length > 0) lines.push(`Limits: ${Object.entries(limits).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  const probes: [string, Probe | undefined][] = [['Liveness', container.livenessProbe], ['Readiness', container.readinessProbe], ['Startup', container.startupProbe]];
  for (const [label, probe] of probes) if (probe) lines.push(`${label}: ${probeLine(probe)}`);
  return lines;
}

function probeLine(probe: Probe): string {
  const action = probe.httpGet
    ? `http-get ${probe.httpGet.scheme?.toLowerCase() ?? 'http'}://:${probe.httpGet.port}${probe.httpGet.path ?? '/'}`
    : probe.tcpSocket
      ? `tcp-socket :${probe.tcpSocket.port}`
      : probe.grpc
        ? `grpc <pod>:${probe.grpc.port}`
        : `exec [${(probe.exec?.command ?? []).join(' ')}]`;
  return `${action} delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 1}s period=${probe.periodSeconds ?? 10}s #failure=${probe.failureThreshold ?? 3}`;
}

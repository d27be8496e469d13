import type { ClusterEvent, ContainerStatus, Pod, Probe } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { eventFirstSeen, eventLastSeen, findObject, snapshotTime } from '../../domain/snapshot-view.js';
import { containerSpec, podCondition, statusOf } from '../pod-facts.js';
import { probeBudgetSeconds } from './probe-checks.js';

/**
 * Whether probe failures are a fault or just start-up noise. Every app fails a few readiness
 * checks while it boots, and a rolling update shows exactly that on each new pod; only
 * failures that outlast the probe's own budget (initialDelaySeconds + failureThreshold ×
 * periodSeconds) or keep a pod unready for minutes mean something is wrong.
 */

/** A pod unready this long is a problem whatever its probe budget says. */
const UNREADY_TOO_LONG_S = 180;
/** Liveness blips older than this on a container that is Ready and was not restarted are history. */
const SETTLED_LIVENESS_S = 10 * 60;

const PROBE_MESSAGE = /^(Readiness|Liveness|Startup) probe (?:failed|errored)/;

export type ProbeKind = 'readiness' | 'liveness' | 'startup';

export function probeKindOf(message: string | null | undefined): ProbeKind | undefined {
  const kind = PROBE_MESSAGE.exec(message ?? '')?.[1];
  return kind ? (kind.toLowerCase() as ProbeKind) : undefined;
}

function secondsSince(snapshot: Snapshot, time: string | null | undefined): number | undefined {
  if (!time) return undefined;
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? undefined : (snapshotTime(snapshot) - parsed) / 1000;
}

/**
 * A running container that is not Ready fails readiness for real when it has been running past
 * its probe budget, its failures span longer than that budget, or the pod has been unready for
 * minutes. A pod being deleted is unready on purpose and never counts.
 */
export function readinessFailurePersists(snapshot: Snapshot, pod: Pod, status: ContainerStatus, probe: Probe | undefined, failures: readonly ClusterEvent[]): boolean {
  if (status.ready || !status.state?.running || pod.metadata.deletionTimestamp) return false;
  const budget = probe ? probeBudgetSeconds(probe) : 30;
  const running = secondsSince(snapshot, status.state.running.startedAt);
  if (running !== undefined && running > budget) return true;
  const span = failures.length ? (Math.max(...failures.map(eventLastSeen)) - Math.min(...failures.map(eventFirstSeen))) / 1000 : 0;
  if (span > budget) return true;
  const ready = podCondition(pod, 'Ready');
  const unready = ready?.status === 'False' ? secondsSince(snapshot, ready.lastTransitionTime) : undefined;
  return unready !== undefined && unready > UNREADY_TOO_LONG_S && (running === undefined || running > budget);
}

/**
 * Probe failure events that no longer describe the pod: readiness failures on a container that
 * is Ready now or is still inside its start-up budget, and liveness/startup failures that are
 * old, on a container that is Ready and has not restarted since. Events we cannot tie to a
 * known container are kept.
 */
export function isSettledProbeEvent(snapshot: Snapshot, event: ClusterEvent): boolean {
  const kind = probeKindOf(event.message);
  if (!kind || event.reason !== 'Unhealthy' || event.involvedObject.kind !== 'Pod' || !event.involvedObject.name) return false;
  const pod = findObject<Pod>(snapshot, 'Pod', event.involvedObject.name, event.involvedObject.namespace ?? undefined);
  const container = /\{([^}]+)\}/.exec(event.involvedObject.fieldPath ?? '')?.[1] ?? (pod?.spec?.containers.length === 1 ? pod.spec.containers[0]!.name : undefined);
  if (!pod || !container) return false;
  const status = statusOf(pod, container);
  if (!status) return false;
  if (kind === 'readiness') {
    if (status.ready || pod.metadata.deletionTimestamp) return true;
    return !readinessFailurePersists(snapshot, pod, status, containerSpec(pod, container)?.readinessProbe, [event]);
  }
  if (!status.ready) return false;
  const startedAt = status.state?.running?.startedAt ? Date.parse(status.state.running.startedAt) : Number.NaN;
  const age = (snapshotTime(snapshot) - eventLastSeen(event)) / 1000;
  // Failures from before the current run belong to a restart that is already over.
  const notRestartedSince = Number.isNaN(startedAt) || startedAt <= eventFirstSeen(event);
  return age > SETTLED_LIVENESS_S && notRestartedSince;
}

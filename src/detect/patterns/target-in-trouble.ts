import type { Pod, Workload } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { allContainerStatuses, snapshotTime, targetObject } from '../../domain/snapshot-view.js';
import { isInTransition, rolloutInProgress } from '../pod-transition.js';
import { isTroubled } from './log-facts.js';

/**
 * Whether the target is in a state worth explaining. Patterns only add findings of their own
 * when it is: lingering Warning events and old log lines on a pod that is fine now must not
 * turn a healthy target into a false alarm.
 */
export function targetInTrouble(snapshot: Snapshot, pods: readonly Pod[]): boolean {
  const now = snapshotTime(snapshot);
  if (pods.some((pod) => podInTrouble(pod, now) && !isInTransition(snapshot, pod))) return true;
  if (snapshot.target.kind === 'Pod') return false;
  const workload = targetObject(snapshot) as Workload | undefined;
  if (!workload) return false;
  const status = workload.status ?? {};
  const conditions = status.conditions ?? [];
  if (conditions.some((c) => (c.type === 'Progressing' || c.type === 'Available') && c.status === 'False')) return true;
  if (conditions.some((c) => (c.type === 'ReplicaFailure' || c.type === 'Failed') && c.status === 'True')) return true;
  if (((status.unavailableReplicas ?? 0) > 0 || (status.numberUnavailable ?? 0) > 0) && !rolloutInProgress(workload)) return true;
  // Paused with a template change waiting: everything looks available, yet the change never ships.
  const paused = conditions.some((c) => c.type === 'Progressing' && c.reason === 'DeploymentPaused');
  if (paused && (status.updatedReplicas ?? 0) < (workload.spec?.replicas ?? status.replicas ?? 0)) return true;
  const desired = workload.spec?.replicas;
  return typeof desired === 'number' && desired > 0 && pods.length === 0;
}

/** Grace beyond the deletion deadline before a deleting pod counts as stuck. */
const STUCK_DELETION_MS = 2 * 60_000;

function podInTrouble(pod: Pod, now: number): boolean {
  const deletion = pod.metadata.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : Number.NaN;
  // deletionTimestamp is the deadline (request time + grace period), so anything well past it is stuck.
  if (!Number.isNaN(deletion)) return deletion + STUCK_DELETION_MS < now;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return false;
  if (phase === 'Pending' || phase === 'Failed' || phase === 'Unknown') return true;
  return allContainerStatuses(pod).some(({ status }) => isTroubled(status));
}

import type { Pod, Workload } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { allContainerStatuses, targetObject } from '../../domain/snapshot-view.js';
import { isTroubled } from './log-facts.js';

/**
 * Whether the target is in a state worth explaining. Patterns only add findings of their own
 * when it is: lingering Warning events and old log lines on a pod that is fine now must not
 * turn a healthy target into a false alarm.
 */
export function targetInTrouble(snapshot: Snapshot, pods: readonly Pod[]): boolean {
  if (pods.some(podInTrouble)) return true;
  if (snapshot.target.kind === 'Pod') return false;
  const workload = targetObject(snapshot) as Workload | undefined;
  if (!workload) return false;
  const status = workload.status ?? {};
  const conditions = status.conditions ?? [];
  if (conditions.some((c) => (c.type === 'Progressing' || c.type === 'Available') && c.status === 'False')) return true;
  if (conditions.some((c) => (c.type === 'ReplicaFailure' || c.type === 'Failed') && c.status === 'True')) return true;
  if ((status.unavailableReplicas ?? 0) > 0 || (status.numberUnavailable ?? 0) > 0) return true;
  const desired = workload.spec?.replicas;
  return typeof desired === 'number' && desired > 0 && pods.length === 0;
}

function podInTrouble(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return false;
  if (pod.metadata.deletionTimestamp) return true;
  if (phase === 'Pending' || phase === 'Failed' || phase === 'Unknown') return true;
  return allContainerStatuses(pod).some(({ status }) => isTroubled(status));
}

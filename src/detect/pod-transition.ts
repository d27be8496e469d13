import type { Pod, Workload } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { snapshotTime } from '../domain/snapshot-view.js';
import { readinessFailurePersists } from './parse/probe-persistence.js';
import { containerSpec, podCondition, podEvents } from './pod-facts.js';

/** How long a pod may sit in ContainerCreating/PodInitializing with no warning before we call it stuck. */
const STARTING_GRACE_S = 120;
/** Normal reasons a container waits while its pod is being set up. */
const SETTING_UP = new Set(['ContainerCreating', 'PodInitializing']);

/**
 * A pod that is not Ready only because it is on its way in or out, as every rolling update
 * shows: being deleted within its grace period, created moments ago and still pulling or
 * starting, or booting inside its readiness budget, all with no Warning event of its own
 * except early probe failures. Such a pod is no evidence that anything is wrong.
 */
export function isInTransition(snapshot: Snapshot, pod: Pod): boolean {
  const now = snapshotTime(snapshot);
  if (pod.metadata.deletionTimestamp) {
    const deadline = Date.parse(pod.metadata.deletionTimestamp);
    return !Number.isNaN(deadline) && deadline >= now;
  }
  const warnings = podEvents(snapshot, pod).filter((e) => e.type === 'Warning' && !(e.reason === 'Unhealthy' && /^Readiness probe/.test(e.message ?? '')));
  if (warnings.length > 0) return false;
  const phase = pod.status?.phase;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  if (statuses.some((s) => s.restartCount > 0 && !s.ready && s.state?.running === undefined)) return false;
  if (phase === 'Pending') {
    const since = Date.parse(podCondition(pod, 'PodScheduled')?.lastTransitionTime ?? pod.metadata.creationTimestamp ?? '');
    const young = !Number.isNaN(since) && (now - since) / 1000 < STARTING_GRACE_S;
    const settingUp = statuses.every((s) => s.ready || s.state?.running !== undefined || SETTING_UP.has(s.state?.waiting?.reason ?? 'ContainerCreating'));
    return young && settingUp;
  }
  if (phase === 'Running') {
    return (pod.status?.containerStatuses ?? []).every((s) => s.ready || (s.state?.running !== undefined
      && !readinessFailurePersists(snapshot, pod, s, containerSpec(pod, s.name)?.readinessProbe, podEvents(snapshot, pod, s.name).filter((e) => e.reason === 'Unhealthy'))));
  }
  return false;
}

/**
 * A Deployment rolling out within its deadline reports unavailable replicas by design
 * (surge pods starting, old ones draining); that alone is not a symptom.
 */
export function rolloutInProgress(workload: Workload | undefined): boolean {
  const progressing = workload?.status?.conditions?.find((c) => c.type === 'Progressing');
  return progressing?.status === 'True' && progressing.reason !== 'NewReplicaSetAvailable';
}

import type { Pod } from '../domain/k8s-objects.js';

/** Waiting reasons that are part of a normal start, not a problem by themselves. */
const STARTING = new Set(['ContainerCreating', 'PodInitializing']);
const RECENT_RESTART_MS = 60 * 60 * 1000;
const SLOW_START_MS = 5 * 60 * 1000;
const SLOW_DELETE_MS = 5 * 60 * 1000;

function age(timestamp: string | null | undefined, now: number): number {
  const t = timestamp ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(t) ? 0 : now - t;
}

/**
 * A short reason when a pod needs a diagnosis, undefined when it looks fine. This is only the
 * cheap triage that decides which pods get collected in full; the detectors have the last word.
 */
export function podProblem(pod: Pod, now: number): string | undefined {
  const status = pod.status ?? {};
  if (pod.metadata.deletionTimestamp) {
    return age(pod.metadata.deletionTimestamp, now) > SLOW_DELETE_MS ? 'Terminating' : undefined;
  }
  if (status.phase === 'Succeeded') return undefined;
  if (status.phase === 'Failed') return status.reason ?? 'Failed';
  for (const init of status.initContainerStatuses ?? []) {
    const waiting = init.state?.waiting?.reason;
    if (waiting && !STARTING.has(waiting)) return `Init:${waiting}`;
    const exit = init.state?.terminated;
    if (exit && exit.exitCode !== 0) return `Init:${exit.reason ?? 'Error'}`;
  }
  for (const container of status.containerStatuses ?? []) {
    const waiting = container.state?.waiting?.reason;
    if (waiting && !STARTING.has(waiting)) return waiting;
    const exit = container.state?.terminated;
    if (exit && exit.exitCode !== 0 && pod.spec?.restartPolicy !== 'Never') return exit.reason ?? 'Error';
    const lastExit = container.lastState?.terminated;
    if (container.restartCount > 0 && lastExit && age(lastExit.finishedAt, now) < RECENT_RESTART_MS) {
      return lastExit.reason ?? 'Restarting';
    }
    if (container.state?.running && !container.ready && age(container.state.running.startedAt, now) > SLOW_START_MS) return 'NotReady';
  }
  if (status.phase === 'Pending') {
    const scheduled = status.conditions?.find((condition) => condition.type === 'PodScheduled');
    if (scheduled?.status === 'False') return scheduled.reason ?? 'Unschedulable';
    if (age(status.startTime ?? pod.metadata.creationTimestamp, now) > SLOW_START_MS) return 'Pending';
  }
  return undefined;
}

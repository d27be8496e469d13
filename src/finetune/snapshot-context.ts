import type { ContainerState } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { allContainerStatuses, targetPods } from '../domain/snapshot-view.js';

const MAX_LOG_LINES = 15;
const MAX_EVENTS = 12;
const MAX_PODS = 3;

/** Container states, warning events and the tail of each log, as one-line strings for a prompt. */
export function snapshotContext(snapshot: Snapshot): string[] {
  const statuses = targetPods(snapshot).slice(0, MAX_PODS).flatMap((pod) =>
    allContainerStatuses(pod).map(({ status, init }) =>
      `status ${pod.metadata.name}/${status.name}${init ? ' (init)' : ''}: ready=${status.ready} restarts=${status.restartCount} state=${stateText(status.state)} last=${stateText(status.lastState)}`),
  );
  const events = snapshot.events
    .filter((event) => event.type !== 'Normal')
    .slice(0, MAX_EVENTS)
    .map((event) => `event ${event.reason ?? '?'} ${event.involvedObject.kind ?? ''}/${event.involvedObject.name ?? ''}: ${(event.message ?? '').replace(/\s+/g, ' ').trim()}`);
  const logs = snapshot.logs.flatMap((log) => {
    const tail = log.text.split('\n').filter((line) => line.trim() !== '').slice(-MAX_LOG_LINES);
    return tail.map((line) => `log ${log.pod}/${log.container}${log.previous ? ' (previous)' : ''}: ${line}`);
  });
  return [...statuses, ...events, ...logs];
}

function stateText(state: ContainerState | undefined): string {
  if (state?.waiting) return `Waiting(${state.waiting.reason ?? ''}${state.waiting.message ? `: ${state.waiting.message}` : ''})`;
  if (state?.terminated) return `Terminated(${state.terminated.reason ?? ''}, exit ${state.terminated.exitCode})`;
  if (state?.running) return 'Running';
  return '-';
}

import type { ContainerState } from '../domain/k8s-objects.js';
import type { EvidenceSource } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { allContainerStatuses, targetPods } from '../domain/snapshot-view.js';

export interface ContextLine {
  source: EvidenceSource;
  text: string;
}

/** Status reasons, event messages and log lines that evidence for a label can be quoted from. */
export function snapshotContext(snapshot: Snapshot): ContextLine[] {
  const statuses = targetPods(snapshot).flatMap((pod) =>
    allContainerStatuses(pod).flatMap(({ status }) => [stateText(status.state), stateText(status.lastState)].filter(Boolean).map((text) => ({ source: 'status' as const, text }))),
  );
  const events = snapshot.events.map((event) => ({ source: 'event' as const, text: `${event.reason ?? ''}: ${(event.message ?? '').replace(/\s+/g, ' ').trim()}` }));
  const logs = snapshot.logs.flatMap((log) => log.text.split('\n').filter((line) => line.trim() !== '').map((text) => ({ source: 'log' as const, text: text.trim() })));
  return [...statuses, ...events, ...logs];
}

function stateText(state: ContainerState | undefined): string {
  if (state?.waiting) return `Waiting, Reason: ${state.waiting.reason ?? ''}${state.waiting.message ? `, Message: ${state.waiting.message}` : ''}`;
  if (state?.terminated) return `Terminated, Reason: ${state.terminated.reason ?? ''}, Exit Code: ${state.terminated.exitCode}`;
  return '';
}

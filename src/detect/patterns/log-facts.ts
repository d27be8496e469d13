import type { ContainerStatus, Pod } from '../../domain/k8s-objects.js';
import type { LogExcerpt, Snapshot } from '../../domain/snapshot.js';
import { allContainerStatuses } from '../../domain/snapshot-view.js';

/** Logs are untrusted and may be tens of megabytes: only the tail is read, and long lines are cut. */
export const MAX_LOG_LINES = 5000;
export const MAX_LINE_LENGTH = 1000;

export interface LogSource {
  readonly log: LogExcerpt;
  readonly location: string;
  readonly init: boolean;
  /** Newest last, at most MAX_LOG_LINES, each at most MAX_LINE_LENGTH characters. */
  readonly lines: readonly string[];
}

/**
 * Logs of containers that are in trouble. A container that is Ready and running, or a pod that
 * Succeeded, may well log "connection refused" while retrying; that is not the cause of anything.
 */
export function troubledLogs(snapshot: Snapshot, pods: readonly Pod[]): LogSource[] {
  const troubled = new Map<string, boolean>();
  for (const pod of pods) {
    if (pod.status?.phase === 'Succeeded') continue;
    for (const { status, init } of allContainerStatuses(pod)) {
      if (isTroubled(status)) troubled.set(`${pod.metadata.name}/${status.name}`, init);
    }
  }
  return snapshot.logs
    .filter((log) => troubled.has(`${log.pod}/${log.container}`))
    .map((log) => ({
      log,
      init: troubled.get(`${log.pod}/${log.container}`) ?? false,
      location: `pod/${log.pod} container ${log.container} (${log.previous ? 'previous' : 'current'} log)`,
      lines: tailLines(log.text, MAX_LOG_LINES, MAX_LINE_LENGTH),
    }));
}

/** Init containers that finished have exit code 0; a running one that never finishes blocks the pod. */
export function isTroubled(status: ContainerStatus): boolean {
  const terminated = status.state?.terminated;
  if (terminated) return terminated.exitCode !== 0;
  if (status.state?.waiting) return true;
  return !status.ready;
}

/** The last `maxLines` lines without splitting the whole text: logs can be 50 MB. */
export function tailLines(text: string, maxLines: number, maxLineLength: number): string[] {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const lines: string[] = [];
  while (end > 0 && lines.length < maxLines) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    let line = text.slice(start, Math.min(end, start + maxLineLength));
    if (line.endsWith('\r')) line = line.slice(0, -1);
    lines.push(line);
    end = start - 1;
  }
  return lines.reverse();
}

import type { ContainerStatus, Pod } from '../domain/k8s-objects.js';
import type { Collection } from './collection.js';
import { ApiRequestError } from './http-get.js';

/** Cuts a byte-limited body back to its last whole line, so no half line or half UTF-8 character is kept. */
function toWholeLines(text: string, truncated: boolean): string {
  if (!truncated) return text;
  const end = text.lastIndexOf('\n');
  return end > 0 ? text.slice(0, end + 1) : text.replace(/\uFFFD+$/, '');
}

/** Which logs exist: current once the container has started, previous once it has terminated before. */
function logsToRead(status: ContainerStatus): boolean[] {
  const wanted: boolean[] = [];
  if (status.state?.running || status.state?.terminated) wanted.push(false);
  if (status.lastState?.terminated || status.restartCount > 0) wanted.push(true);
  return wanted;
}

/**
 * The kubelet answers 400 when a log does not exist yet or any more: a container still waiting
 * (`container "app" in pod "web" is waiting to start: ContainerCreating`), no earlier instance
 * (`previous terminated container "app" in pod "web" not found`), a pod not yet on a node. These are
 * states the pod's status already shows, not failures to read, so they are not reported.
 */
export function isExpectedLogAbsence(error: unknown): boolean {
  if (!(error instanceof ApiRequestError) || error.status !== 400) return false;
  return /is waiting to start|previous terminated container .* not found|in pod .* is terminated|does not have a host assigned/i.test(error.message);
}

/** Current and previous logs of every container and init container, bounded by tailLines and limitBytes. */
export async function collectLogs(c: Collection, pod: Pod): Promise<void> {
  const namespace = pod.metadata.namespace ?? '';
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const reads = statuses.flatMap((status) => logsToRead(status).map((previous) => ({ container: status.name, previous })));
  await Promise.all(reads.map(async ({ container, previous }) => {
    const what = `logs ${pod.metadata.name}/${container}${previous ? ' (previous)' : ''}`;
    const log = await c.attempt(what, 'pods/log', () => c.reader.log({
      namespace, pod: pod.metadata.name, container, previous,
      tailLines: c.limits.tailLines, limitBytes: c.limits.limitBytes,
    }), isExpectedLogAbsence);
    if (log) {
      c.logs.push({ pod: pod.metadata.name, container, previous, text: toWholeLines(log.text, log.truncated), truncated: log.truncated });
    }
  }));
}

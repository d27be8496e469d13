import { formatBytes, parseQuantity } from '../../domain/quantity.js';
import type { Detector } from '../detector.js';
import { containerPatchFix, previousLogsFix, rolloutRef } from '../fix-commands.js';
import { makeFinding, statusEvidence } from '../make-finding.js';
import { activePods, containerSpec, isInitContainer, minutesBefore } from '../pod-facts.js';

const id = 'oom-killed';

/** Suggest a limit that gives real headroom: double, rounded up to a whole 64Mi. */
export function suggestMemoryLimit(current: number): number {
  const step = 64 * 2 ** 20;
  return Math.ceil((current * 2) / step) * step;
}

export const oomKilled: Detector = {
  id,
  description: 'Containers killed by the kernel OOM killer for exceeding their memory limit (reason OOMKilled).',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) =>
      [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].flatMap((status) => {
        const terminated = status.state?.terminated?.reason === 'OOMKilled' ? status.state.terminated : status.lastState?.terminated?.reason === 'OOMKilled' ? status.lastState.terminated : undefined;
        if (!terminated) return [];
        const recentMinutes = minutesBefore(snapshot, terminated.finishedAt);
        const stale = status.ready && status.state?.running && recentMinutes !== undefined && recentMinutes > 60;
        const spec = containerSpec(pod, status.name);
        const limitText = spec?.resources?.limits?.memory;
        const limit = parseQuantity(limitText);
        const suggested = Number.isFinite(limit) ? formatBytes(suggestMemoryLimit(limit)) : undefined;
        const waiting = status.state?.waiting?.reason;
        const init = isInitContainer(pod, status.name);
        const fixes = [
          ...(suggested
            ? [containerPatchFix(snapshot, pod, status.name, `Raise the memory limit of ${status.name} from ${limitText} to ${suggested} (or find what makes it use more memory)`, `resources:\n  limits:\n    memory: ${suggested}`)]
            : [containerPatchFix(snapshot, pod, status.name, `Set a memory limit that fits the real usage of ${status.name}`, 'resources:\n  limits:\n    memory: 512Mi')]),
          previousLogsFix(pod, status.name),
          { description: 'If a recent rollout lowered the limit or changed the code, roll it back', command: `kubectl rollout undo ${rolloutRef(snapshot, pod)}` },
        ];
        return [
          makeFinding({
            snapshot,
            subject: pod,
            detector: id,
            category: 'oom-killed',
            severity: stale ? 'info' : 'critical',
            container: status.name,
            title: `${init ? 'Init container' : 'Container'} ${status.name} was OOMKilled${limitText ? ` (memory limit ${limitText})` : ''}`,
            rootCause: `Container ${status.name} in pod ${pod.metadata.name} was killed by the kernel for using more than its memory limit${limitText ? ` of ${limitText}` : ' (no limit set: the node ran out of memory)'}${status.restartCount ? `; it has restarted ${status.restartCount} times` : ''}.`,
            evidence: [
              statusEvidence(pod, status.name, `Last State: Terminated, Reason: OOMKilled, Exit Code: ${terminated.exitCode}${terminated.finishedAt ? `, Finished: ${terminated.finishedAt}` : ''}`),
              ...(waiting ? [statusEvidence(pod, status.name, `State: Waiting, Reason: ${waiting}, Restart Count: ${status.restartCount}`)] : []),
              ...(limitText ? [{ source: 'spec' as const, text: `resources.limits.memory: ${limitText}`, location: `pod/${pod.metadata.name} container ${status.name}` }] : []),
            ],
            fixes,
            confidence: 0.95,
            key: 'oom',
          }),
        ];
      }),
    );
  },
};

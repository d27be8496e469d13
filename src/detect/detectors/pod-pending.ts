import type { Detector } from '../detector.js';
import { makeFinding, statusEvidence } from '../make-finding.js';
import { activePods, describeEventsCommand, humanDuration, minutesBefore, podCondition } from '../pod-facts.js';

const id = 'pod-pending';
const TOO_LONG_MINUTES = 5;

/**
 * Pods Pending (unscheduled or ContainerCreating) for too long with nothing else explaining it.
 * Category `unknown` on purpose: the resolver uses it only when no specific detector fired,
 * and then says what to collect next instead of guessing.
 */
export const podPending: Detector = {
  id,
  description: 'Pods stuck Pending or ContainerCreating for more than 5 minutes (fallback when nothing more specific fires).',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) => {
      if (pod.status?.phase !== 'Pending' || pod.metadata.deletionTimestamp) return [];
      const age = minutesBefore(snapshot, pod.status?.startTime ?? pod.metadata.creationTimestamp);
      if (age === undefined || age < TOO_LONG_MINUTES) return [];
      const scheduled = podCondition(pod, 'PodScheduled')?.status === 'True' || !!pod.spec?.nodeName;
      const creating = (pod.status?.containerStatuses ?? []).find((s) => s.state?.waiting?.reason === 'ContainerCreating' || s.state?.waiting?.reason === 'PodInitializing');
      return [makeFinding({
        snapshot, subject: pod, detector: id, category: 'unknown', severity: 'warning', container: creating?.name ?? null,
        title: `Pod ${pod.metadata.name} has been Pending for ${humanDuration(age)}${scheduled ? ' (ContainerCreating)' : ' (not scheduled)'}`,
        rootCause: `Pod ${pod.metadata.name} has been Pending for ${humanDuration(age)} ${scheduled ? `on node ${pod.spec?.nodeName ?? ''} without its containers starting` : 'without being scheduled'}, and the snapshot holds no event that says why.`,
        evidence: [statusEvidence(pod, creating?.name ?? null, `Status: Pending${creating ? `, ${creating.name}: Waiting (${creating.state?.waiting?.reason})` : ''}${scheduled ? '' : ', PodScheduled not True'}`)],
        fixes: [describeEventsCommand(pod)],
        confidence: 0.3,
        key: scheduled ? 'pending-creating' : 'pending-unscheduled',
      })];
    });
  },
};

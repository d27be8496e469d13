import type { Detector } from '../detector.js';
import { makeFinding, statusEvidence } from '../make-finding.js';
import { activePods, describeEventsCommand, humanDuration, minutesBefore, podCondition, podEvents, warningEvents } from '../pod-facts.js';
import { claimEvidence, claimFixes, describeClaim, unboundClaims } from '../claim-facts.js';

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
      // The scheduler's event may have expired while the claim's ProvisioningFailed is still there.
      const failedClaims = scheduled ? [] : unboundClaims(snapshot, pod).filter((c) => c.failure);
      const schedulerSaid = !!podCondition(pod, 'PodScheduled')?.message || warningEvents(podEvents(snapshot, pod), 'FailedScheduling').length > 0;
      if (failedClaims.length && !schedulerSaid) {
        return [makeFinding({
          snapshot, subject: pod, detector: id, category: 'pvc-unbound', severity: 'critical', container: null,
          title: `Pod ${pod.metadata.name} waits for PVC ${failedClaims.map((c) => c.name).join(', ')}, which cannot be provisioned`,
          rootCause: `Pod ${pod.metadata.name} has been Pending for ${humanDuration(age)} because ${failedClaims.map(describeClaim).join('; ')}.`,
          evidence: [statusEvidence(pod, null, 'Status: Pending (not assigned to a node)'), ...claimEvidence(snapshot, failedClaims, pod)],
          fixes: claimFixes(failedClaims, pod.metadata.namespace ?? snapshot.target.namespace),
          confidence: 0.8,
          key: `pvc ${failedClaims.map((c) => c.name).join(',')}`,
        })];
      }
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

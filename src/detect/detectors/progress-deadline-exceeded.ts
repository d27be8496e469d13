import type { Workload } from '../../domain/k8s-objects.js';
import { replicaSetsOf, targetObject } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { makeFinding } from '../make-finding.js';

const id = 'progress-deadline-exceeded';

/**
 * A Deployment whose rollout stopped: condition Progressing=False, reason ProgressDeadlineExceeded.
 * Generic by nature; the resolver prefers anything that says why the new pods do not come up.
 */
export const progressDeadlineExceeded: Detector = {
  id,
  description: 'Deployments whose rollout exceeded progressDeadlineSeconds (Progressing=False, ProgressDeadlineExceeded).',
  detect(snapshot) {
    const target = targetObject(snapshot) as Workload | undefined;
    if (!target || target.kind !== 'Deployment') return [];
    const progressing = target.status?.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.status !== 'False' || progressing.reason !== 'ProgressDeadlineExceeded') return [];
    const name = target.metadata.name;
    const ns = target.metadata.namespace ?? snapshot.target.namespace;
    const newest = replicaSetsOf(snapshot, target)[0];
    const status = target.status ?? {};
    const deadline = target.spec?.progressDeadlineSeconds ?? 600;
    const minReady = (target.spec as { minReadySeconds?: number } | undefined)?.minReadySeconds ?? 0;
    // Pods must stay Ready for minReadySeconds before they count as available; a wait that long
    // cannot fit inside the deadline, so the rollout times out while every pod is healthy.
    const waitOutlastsDeadline = minReady >= deadline;
    return [makeFinding({
      snapshot, subject: target, detector: id, category: 'rollout-stuck', severity: 'critical', container: null,
      title: `Rollout of deployment ${name} is stuck (ProgressDeadlineExceeded)`,
      rootCause: `The rollout of deployment ${name} made no progress within ${deadline}s${newest ? `: ReplicaSet ${newest.metadata.name} has ${newest.status?.readyReplicas ?? 0}/${newest.spec?.replicas ?? '?'} ready pods` : ''}${waitOutlastsDeadline ? `; minReadySeconds ${minReady} is not shorter than progressDeadlineSeconds ${deadline}, so a Ready pod cannot become available before the deadline fires` : ''}.`,
      evidence: [
        { source: 'status', text: `Progressing=False, Reason: ProgressDeadlineExceeded${progressing.message ? `, Message: ${progressing.message}` : ''}`, location: `deployment/${name} conditions` },
        { source: 'status', text: `replicas ${status.replicas ?? '?'}, updated ${status.updatedReplicas ?? 0}, ready ${status.readyReplicas ?? 0}, available ${status.availableReplicas ?? 0}, unavailable ${status.unavailableReplicas ?? 0}`, location: `deployment/${name} status` },
      ],
      fixes: [
        ...(waitOutlastsDeadline ? [{ description: `Make progressDeadlineSeconds (${deadline}) larger than minReadySeconds (${minReady}), e.g. ${minReady + 600}, or lower minReadySeconds`, command: `kubectl patch deployment/${name} -n ${ns} --type merge -p '{"spec":{"progressDeadlineSeconds":${minReady + 600}}}'` }] : []),
        { description: 'See why the new pods are not becoming ready', command: `kubectl rollout status deployment/${name} -n ${ns} && kubectl get pods -n ${ns} -l ${Object.entries(target.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<selector>'}` },
        { description: 'Roll back to the previous revision while you fix it', command: `kubectl rollout undo deployment/${name} -n ${ns}` },
      ],
      confidence: waitOutlastsDeadline ? 0.85 : 0.6,
      key: 'rollout',
    })];
  },
};

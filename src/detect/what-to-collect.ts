import type { Workload } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { targetObject } from '../domain/snapshot-view.js';
import { activePods } from './pod-facts.js';
import { isInTransition, rolloutInProgress } from './pod-transition.js';

/**
 * When no detector explains the state: is anything actually wrong, and what should be
 * collected next to find out. Never a guessed category.
 */
export function whatToCollect(snapshot: Snapshot): { symptom: string; collect: string[] } | undefined {
  const pods = activePods(snapshot);
  const { namespace } = snapshot.target;
  const target = targetObject(snapshot) as Workload | undefined;
  // A workload with a pod on its way in or out is fine; a lone Pod target that is not Ready is not
  // healthy yet, even when nothing has failed: that is "unknown, re-check", never "healthy".
  const podTarget = snapshot.target.kind === 'Pod';
  const notReady = pods.filter((p) => (p.status?.phase !== 'Running' || (p.status?.containerStatuses ?? []).some((s) => !s.ready)) && (podTarget || !isInTransition(snapshot, p)));
  const starting = podTarget && notReady.length > 0 && notReady.every((p) => isInTransition(snapshot, p));
  const unavailable = target && target.kind !== 'Pod' && !rolloutInProgress(target) ? target.status?.unavailableReplicas ?? 0 : 0;
  let symptom: string | undefined;
  if (!target && pods.length === 0) symptom = 'the target is not in the snapshot';
  else if (starting) symptom = 'not Ready yet, still starting with no failure so far';
  else if (notReady.length) symptom = `${notReady.length} of ${pods.length} pods not running and ready`;
  else if (unavailable > 0) symptom = `${unavailable} replicas unavailable`;
  else if (target && ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(target.kind) && pods.length === 0 && (target.spec?.replicas ?? 1) > 0 && !target.spec?.paused) symptom = 'no pods exist for the workload';
  if (!symptom) return undefined;
  const pod = notReady[0]?.metadata.name ?? '<pod>';
  return {
    symptom,
    collect: [
      ...(starting ? [`Re-check once the readiness probe has had time to pass: kubectl get pod ${pod} -n ${namespace} -w`] : []),
      `Collect recent events: kubectl get events -n ${namespace} --sort-by=.lastTimestamp`,
      `Collect the previous container logs: kubectl logs ${pod} -n ${namespace} --all-containers --previous`,
      `Check the node the pod runs on: kubectl describe node $(kubectl get pod ${pod} -n ${namespace} -o jsonpath='{.spec.nodeName}')`,
    ],
  };
}

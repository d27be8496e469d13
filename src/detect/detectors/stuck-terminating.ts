import type { Node } from '../../domain/k8s-objects.js';
import { findObject } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { makeFinding, statusEvidence } from '../make-finding.js';
import { humanDuration, minutesBefore, podEvents, targetPodsIncludingDone } from '../pod-facts.js';

const id = 'stuck-terminating';

/** Pods whose deletion is overdue: deletionTimestamp (which already includes the grace period) is well in the past. */
export const stuckTerminating: Detector = {
  id,
  description: 'Pods stuck Terminating: deletionTimestamp long past, finalizers, or a NotReady node.',
  detect(snapshot) {
    return targetPodsIncludingDone(snapshot).flatMap((pod) => {
      const overdue = minutesBefore(snapshot, pod.metadata.deletionTimestamp);
      if (overdue === undefined || overdue < 5) return [];
      const finalizers = pod.metadata.finalizers ?? [];
      const node = pod.spec?.nodeName ? findObject<Node>(snapshot, 'Node', pod.spec.nodeName) : undefined;
      const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
      const nodeDown = ready !== undefined && ready.status !== 'True';
      const killing = podEvents(snapshot, pod).find((e) => /FailedKillPod|FailedPreStopHook|Killing/.test(e.reason ?? '') && e.type === 'Warning');
      const ns = pod.metadata.namespace;
      const why = finalizers.length
        ? `finalizer${finalizers.length > 1 ? 's' : ''} ${finalizers.join(', ')} ${finalizers.length > 1 ? 'have' : 'has'} not been removed`
        : nodeDown
          ? `its node ${node?.metadata.name} is ${ready?.status === 'Unknown' ? 'unreachable (NotReady/Unknown)' : 'NotReady'}, so the kubelet cannot confirm the containers stopped`
          : 'the kubelet has not confirmed that its containers stopped';
      return [makeFinding({
        snapshot, subject: pod, detector: id, category: 'stuck-terminating', severity: 'critical', container: null,
        title: `Pod ${pod.metadata.name} is stuck Terminating for ${humanDuration(overdue)}`,
        rootCause: `Pod ${pod.metadata.name} was due to be deleted ${humanDuration(overdue)} ago but still exists because ${why}.`,
        evidence: [
          statusEvidence(pod, null, `deletionTimestamp: ${pod.metadata.deletionTimestamp} (${humanDuration(overdue)} before the snapshot)`),
          ...(finalizers.length ? [{ source: 'spec' as const, text: `finalizers: [${finalizers.join(', ')}]`, location: `pod/${pod.metadata.name}` }] : []),
          ...(nodeDown ? [{ source: 'node' as const, text: `Node ${node?.metadata.name}: Ready=${ready?.status}${ready?.reason ? ` (${ready.reason})` : ''}${ready?.message ? `: ${ready.message}` : ''}`, location: `node/${node?.metadata.name}` }] : []),
          ...(killing ? [{ source: 'event' as const, text: `${killing.reason}: ${killing.message ?? ''}`, location: `event ${killing.reason} on pod/${pod.metadata.name}` }] : []),
        ],
        fixes: [
          ...(finalizers.length
            ? [{ description: `Find which controller owns finalizer ${finalizers[0]} and why it has not finished; as a last resort remove the finalizers`, command: `kubectl patch pod ${pod.metadata.name} -n ${ns} --type merge -p '{"metadata":{"finalizers":null}}'` }]
            : []),
          ...(nodeDown ? [{ description: `Recover node ${node?.metadata.name}, or if it is gone for good delete the Node object so its pods are cleaned up`, command: `kubectl describe node ${node?.metadata.name}` }] : []),
          { description: 'Force the deletion only once you know the containers are not running (or the node is gone)', command: `kubectl delete pod ${pod.metadata.name} -n ${ns} --grace-period=0 --force` },
        ],
        confidence: finalizers.length || nodeDown ? 0.9 : 0.75,
        key: finalizers.length ? `finalizers ${finalizers.join(',')}` : nodeDown ? 'node-down' : 'terminating',
      })];
    });
  },
};

import type { Node } from '../../domain/k8s-objects.js';
import { findObject } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { containerPatchFix } from '../fix-commands.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { activePods, podEvents, warningEvents } from '../pod-facts.js';

const id = 'evicted';

/** `The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. Container app was using 1.2Gi, request is 512Mi, ...` */
export function parseEvictionMessage(message: string): { resource?: string; container?: string; using?: string; request?: string } {
  const resource = /low on resource: ([\w-]+)/.exec(message)?.[1] ?? (/ephemeral local storage|ephemeral storage limit/i.test(message) ? 'ephemeral-storage' : undefined);
  const usage = /Container (\S+) was using (\S+?), request is (\S+?),/.exec(message);
  return { ...(resource ? { resource } : {}), ...(usage ? { container: usage[1]!, using: usage[2]!, request: usage[3]! } : {}) };
}

export const evicted: Detector = {
  id,
  description: 'Pods evicted by the kubelet under node pressure (memory, disk, ephemeral storage), with the heaviest container.',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) => {
      const event = warningEvents(podEvents(snapshot, pod), 'Evicted')[0];
      if (pod.status?.reason !== 'Evicted' && !event) return [];
      const message = pod.status?.message ?? event?.message ?? '';
      const parsed = parseEvictionMessage(message);
      const node = pod.spec?.nodeName ? findObject<Node>(snapshot, 'Node', pod.spec.nodeName) : undefined;
      const pressure = (node?.status?.conditions ?? []).filter((c) => /Pressure$/.test(c.type) && c.status === 'True');
      const siblingsRunning = activePods(snapshot).some((p) => p !== pod && p.status?.phase === 'Running');
      const resource = parsed.resource ?? 'resources';
      const request = parsed.container && parsed.resource === 'memory' ? parsed.using : undefined;
      return [
        makeFinding({
          snapshot, subject: pod, detector: id, category: 'evicted', severity: snapshot.target.kind === 'Pod' || !siblingsRunning ? 'critical' : 'warning', container: parsed.container ?? null,
          title: `Pod ${pod.metadata.name} was evicted: node ${pod.spec?.nodeName ?? ''} was low on ${resource}`,
          rootCause: `The kubelet on node ${pod.spec?.nodeName ?? '(unknown)'} evicted pod ${pod.metadata.name} because the node was low on ${resource}${parsed.container ? `; container ${parsed.container} was using ${parsed.using} against a request of ${parsed.request}` : ''}.`,
          evidence: [
            statusEvidence(pod, null, `Status: Failed, Reason: Evicted, Message: ${message}`),
            ...(event ? [eventEvidence(snapshot, event)] : []),
            ...pressure.map((c) => ({ source: 'node' as const, text: `${c.type}=True${c.reason ? ` (${c.reason})` : ''}`, location: `node/${node?.metadata.name}` })),
          ],
          fixes: [
            ...(request && parsed.container
              ? [containerPatchFix(snapshot, pod, parsed.container, `Set the memory request of ${parsed.container} to its real usage (${parsed.using}) so the scheduler reserves it and it is not first in line for eviction`, `resources:\n  requests:\n    memory: ${parsed.using}\n  limits:\n    memory: ${parsed.using}`)]
              : []),
            ...(resource === 'ephemeral-storage' ? [{ description: `Give ${parsed.container ? `container ${parsed.container}` : 'the containers'} ephemeral-storage requests/limits that cover what they write, and move scratch files to an emptyDir with a sizeLimit (or a PVC) and clean them up` , patch: `resources:\n  requests:\n    ephemeral-storage: <expected usage>\n  limits:\n    ephemeral-storage: <expected usage x 1.5>` }] : []),
            { description: `Check pressure on node ${pod.spec?.nodeName ?? ''}`, command: `kubectl describe node ${pod.spec?.nodeName ?? '<node>'} | grep -A 12 Conditions` },
            { description: 'Clean up the evicted pod objects once fixed', command: `kubectl delete pod -n ${pod.metadata.namespace} --field-selector=status.phase=Failed` },
          ],
          confidence: 0.9,
          key: `evicted ${resource}`,
        }),
      ];
    });
  },
};

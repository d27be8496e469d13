import type { Evidence, Fix } from '../../domain/diagnosis.js';
import type { Node, Pod } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { formatBytes, parseQuantity } from '../../domain/quantity.js';
import { findObject } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { containerPatchFix, podSpecPatchFix } from '../fix-commands.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { isOwnLimit, parseEvictionMessage, type EvictionMessage } from '../parse/parse-eviction-message.js';
import { activePods, patchTarget, podEvents, warningEvents } from '../pod-facts.js';

const id = 'evicted';

export const evicted: Detector = {
  id,
  description: 'Pods evicted by the kubelet: node pressure (memory, disk, PIDs) with the heaviest container, or the pod\'s own emptyDir / ephemeral-storage limits.',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) => {
      const event = warningEvents(podEvents(snapshot, pod), 'Evicted')[0];
      if (pod.status?.reason !== 'Evicted' && !event) return [];
      const message = pod.status?.message ?? event?.message ?? '';
      const parsed = parseEvictionMessage(message);
      const node = pod.spec?.nodeName ? findObject<Node>(snapshot, 'Node', pod.spec.nodeName) : undefined;
      const pressure = (node?.status?.conditions ?? []).filter((c) => /Pressure$/.test(c.type) && c.status === 'True');
      const siblingsRunning = activePods(snapshot).some((p) => p !== pod && p.status?.phase === 'Running');
      const container = parsed.container ?? parsed.containers[0]?.name ?? null;
      const own = isOwnLimit(parsed.kind);
      return [
        makeFinding({
          snapshot, subject: pod, detector: id, category: 'evicted', severity: snapshot.target.kind === 'Pod' || !siblingsRunning ? 'critical' : 'warning', container,
          title: `Pod ${pod.metadata.name} was evicted: ${headline(pod, parsed)}`,
          rootCause: rootCause(pod, parsed),
          evidence: [
            statusEvidence(pod, null, `Status: Failed, Reason: Evicted, Message: ${message.trim()}`),
            ...(event ? [eventEvidence(snapshot, event)] : []),
            ...limitEvidence(pod, parsed),
            ...(own ? [] : pressure.map((c) => ({ source: 'node' as const, text: `${c.type}=True${c.reason ? ` (${c.reason})` : ''}`, location: `node/${node?.metadata.name}` }))),
          ],
          fixes: [
            ...limitFixes(snapshot, pod, parsed),
            ...(own ? [] : [{ description: `Check pressure on node ${pod.spec?.nodeName ?? ''}`, command: `kubectl describe node ${pod.spec?.nodeName ?? '<node>'} | grep -A 12 Conditions` }]),
            { description: 'Clean up the evicted pod objects once fixed', command: `kubectl delete pod -n ${pod.metadata.namespace} --field-selector=status.phase=Failed` },
          ],
          confidence: 0.9,
          key: `evicted ${parsed.kind} ${parsed.volume ?? parsed.resource ?? ''}`,
        }),
      ];
    });
  },
};

function headline(pod: Pod, parsed: EvictionMessage): string {
  switch (parsed.kind) {
    case 'emptydir-limit': return `emptyDir volume "${parsed.volume}" outgrew its sizeLimit ${parsed.limit}`;
    case 'container-storage-limit': return `container ${parsed.container} wrote more than its ephemeral-storage limit ${parsed.limit}`;
    case 'pod-storage-limit': return `its containers wrote more local storage than their total ephemeral-storage limit ${parsed.limit}`;
    case 'node-condition': return `node ${pod.spec?.nodeName ?? ''} had condition ${parsed.condition}`;
    default: return `node ${pod.spec?.nodeName ?? ''} was low on ${parsed.resource ?? 'resources'}`;
  }
}

function rootCause(pod: Pod, parsed: EvictionMessage): string {
  const name = pod.metadata.name;
  const again = 'This is the pod\'s own limit, not node pressure: a replacement doing the same work will be evicted again.';
  switch (parsed.kind) {
    case 'emptydir-limit': {
      const mounts = mountsOf(pod, parsed.volume!);
      return `The kubelet evicted pod ${name} because emptyDir volume ${parsed.volume}${mounts.length ? ` (mounted at ${mounts.join(', ')})` : ''} used more than its sizeLimit of ${parsed.limit}. ${again}`;
    }
    case 'container-storage-limit':
      return `The kubelet evicted pod ${name} because container ${parsed.container} used more local disk (writable layer and logs) than its ephemeral-storage limit of ${parsed.limit}. ${again}`;
    case 'pod-storage-limit':
      return `The kubelet evicted pod ${name} because its containers and local volumes used more disk than the sum of their ephemeral-storage limits (${parsed.limit}). ${again}`;
    default: {
      const heaviest = parsed.containers[0];
      return `The kubelet on node ${pod.spec?.nodeName ?? '(unknown)'} evicted pod ${name} because the node was low on ${parsed.resource ?? 'resources'}${parsed.threshold ? ` (available ${parsed.available}, threshold ${parsed.threshold})` : ''}${heaviest ? `; container ${heaviest.name} was using ${heaviest.using} against a request of ${heaviest.request}` : ''}.`;
    }
  }
}

function mountsOf(pod: Pod, volume: string): string[] {
  return (pod.spec?.containers ?? []).flatMap((c) => (c.volumeMounts ?? []).filter((m) => m.name === volume).map((m) => `${m.mountPath} in ${c.name}`));
}

function limitEvidence(pod: Pod, parsed: EvictionMessage): Evidence[] {
  if (parsed.kind !== 'emptydir-limit') return [];
  const volume = (pod.spec?.volumes ?? []).find((v) => v.name === parsed.volume);
  const sizeLimit = (volume?.emptyDir as { sizeLimit?: string } | undefined)?.sizeLimit;
  return volume ? [{ source: 'spec', text: `volume ${parsed.volume}: emptyDir${sizeLimit ? ` sizeLimit ${sizeLimit}` : ''}`, location: `pod/${pod.metadata.name} spec.volumes` }] : [];
}

/** Twice the limit, in the same binary units people write (2Gi → 4Gi). */
function doubled(limit: string | undefined): string {
  const bytes = parseQuantity(limit);
  return Number.isFinite(bytes) && bytes > 0 ? formatBytes(bytes * 2) : '<larger size>';
}

function limitFixes(snapshot: Snapshot, pod: Pod, parsed: EvictionMessage): Fix[] {
  const target = patchTarget(snapshot, pod);
  switch (parsed.kind) {
    case 'emptydir-limit': {
      return [
        podSpecPatchFix(snapshot, pod, `Raise the sizeLimit of emptyDir volume ${parsed.volume} above what the work writes (it exceeded ${parsed.limit}), or back the scratch space with a generic ephemeral volume (a PVC per pod) when it needs tens of GiB`,
          `volumes:\n- name: ${parsed.volume}\n  emptyDir:\n    sizeLimit: ${doubled(parsed.limit)}`),
        { description: `Make sure the node has room for it: the emptyDir lives on the node's disk (nodefs), so also request it as ephemeral-storage`, command: `kubectl get nodes -o custom-columns=NAME:.metadata.name,EPHEMERAL:.status.allocatable.ephemeral-storage` },
      ];
    }
    case 'container-storage-limit':
      return [containerPatchFix(snapshot, pod, parsed.container!, `Raise the ephemeral-storage limit of ${parsed.container} (it exceeded ${parsed.limit}), or move what it writes (temp files, caches, logs) to an emptyDir with a sizeLimit or a PVC`, `resources:\n  requests:\n    ephemeral-storage: ${parsed.limit}\n  limits:\n    ephemeral-storage: ${doubled(parsed.limit)}`)];
    case 'pod-storage-limit':
      return [{ description: `Raise the containers' ephemeral-storage limits (their total, ${parsed.limit}, was exceeded) or move large files to a PVC; see which container and volume write the most`, command: `kubectl get ${target.ref} -n ${target.namespace} -o jsonpath='{range .spec.template.spec.containers[*]}{.name}{": "}{.resources.limits.ephemeral-storage}{"\\n"}{end}'` }];
    default: {
      const heaviest = parsed.containers[0];
      const fixes: Fix[] = [];
      if (heaviest && parsed.resource === 'memory') {
        fixes.push(containerPatchFix(snapshot, pod, heaviest.name, `Set the memory request of ${heaviest.name} to its real usage (${heaviest.using}) so the scheduler reserves it and it is not first in line for eviction`, `resources:\n  requests:\n    memory: ${heaviest.using}\n  limits:\n    memory: ${heaviest.using}`));
      }
      if (parsed.resource === 'ephemeral-storage') {
        fixes.push({ description: `Give ${heaviest ? `container ${heaviest.name}` : 'the containers'} ephemeral-storage requests/limits that cover what they write, and move scratch files to an emptyDir with a sizeLimit (or a PVC) and clean them up`, patch: `resources:\n  requests:\n    ephemeral-storage: <expected usage>\n  limits:\n    ephemeral-storage: <expected usage x 1.5>` });
      }
      return fixes;
    }
  }
}

import type { Category } from '../../domain/categories.js';
import type { Fix } from '../../domain/diagnosis.js';
import type { Node, Pod, Taint } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { eventsFor, findObject, objectsOfKind } from '../../domain/snapshot-view.js';
import type { Evidence } from '../../domain/diagnosis.js';
import type { PersistentVolumeClaim } from '../../domain/k8s-objects.js';
import type { Detector } from '../detector.js';
import { capacityFixes, placementFixes } from '../scheduling-fixes.js';
import { podSpecPatchFix } from '../fix-commands.js';
import { claimEvidence, claimFixes, describeClaim, unboundClaims, type UnboundClaim } from '../claim-facts.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { isSystemTaint, parseSchedulingMessage, type SchedulingMessage, type SchedulingReason } from '../parse/parse-scheduling-message.js';
import { activePods, cleanMessage, podCondition, podEvents, warningEvents } from '../pod-facts.js';
import { blockingTaints, pinnedVolumes, type PinnedVolume } from '../parse/node-fit.js';
import { bindingConstraint, extendedResourceTaint } from '../scheduling-binding.js';

const id = 'failed-scheduling';

export interface SchedulingCause {
  category: Category;
  reasons: SchedulingReason[];
  detail: string;
  /** A shorter form of detail for the title, when detail explains at length. */
  short?: string;
}

/**
 * Picks the reason whose fix makes the pod schedulable. Nodes are reported under the first
 * filter they fail, so resource shortages are reported only for nodes that already passed
 * taints and affinity: if any exist, capacity binds, unless the nodes in the snapshot show that
 * those nodes could never hold the pod and the excluded ones could (bindingConstraint).
 * Control-plane taints are incidental.
 */
export function chooseSchedulingCause(parsed: SchedulingMessage, pod: Pod, nodes: Node[], pinned: readonly PinnedVolume[] = []): SchedulingCause | undefined {
  if (parsed.podLevel.length > 0) return { category: 'pvc-unbound', reasons: [], detail: parsed.podLevel[0]! };
  const bound = bindingConstraint(parsed, pod, nodes, pinned) ?? (nodes.length === 0 ? extendedResourceTaint(parsed) : undefined);
  if (bound) return bound;
  const of = (...kinds: SchedulingReason['kind'][]) => parsed.reasons.filter((r) => kinds.includes(r.kind));
  const sum = (rs: SchedulingReason[]) => rs.reduce((n, r) => n + r.count, 0);
  const resources = of('resource', 'ports');
  if (resources.length) return { category: 'insufficient-resources', reasons: resources, detail: resources.map((r) => `${r.count} ${r.text}`).join(', ') };
  const volume = of('volume');
  if (volume.length) return { category: 'pvc-unbound', reasons: volume, detail: volume.map((r) => r.text).join(', ') };
  const placement = of('node-affinity', 'pod-affinity', 'topology-spread', 'volume-affinity');
  const taints = of('taint', 'unschedulable');
  const workerTaints = taints.filter((r) => !r.taint || !isSystemTaint(r.taint.key));
  if (placement.length && workerTaints.length) {
    // The pod's selector points at tainted nodes → the toleration is missing, not the selector.
    const selector = pod.spec?.nodeSelector ?? {};
    const taintedMatch = nodes.some((n) => (n.spec?.taints ?? []).some((t) => workerTaints.some((r) => r.taint?.key === t.key))
      && Object.entries(selector).length > 0 && Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v));
    if (taintedMatch || sum(workerTaints) > sum(placement)) return { category: 'untolerated-taint', reasons: workerTaints, detail: workerTaints.map((r) => `${r.count} ${r.text}`).join(', ') };
    return { category: 'node-affinity-mismatch', reasons: placement, detail: placement.map((r) => `${r.count} ${r.text}`).join(', ') };
  }
  if (placement.length) return { category: 'node-affinity-mismatch', reasons: placement, detail: placement.map((r) => `${r.count} ${r.text}`).join(', ') };
  if (taints.length) {
    const chosen = workerTaints.length ? workerTaints : taints;
    return { category: 'untolerated-taint', reasons: chosen, detail: chosen.map((r) => `${r.count} ${r.text}`).join(', ') };
  }
  return undefined;
}

export const failedScheduling: Detector = {
  id,
  description: 'Pending pods the scheduler cannot place, with the binding reason picked from the FailedScheduling message.',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) => {
      if (pod.status?.phase !== 'Pending' || pod.spec?.nodeName) return [];
      const event = warningEvents(podEvents(snapshot, pod), 'FailedScheduling')[0];
      const condition = podCondition(pod, 'PodScheduled');
      const message = cleanMessage(event?.message ?? (condition?.status === 'False' ? condition.message : ''));
      if (!message) return [];
      const parsed = parseSchedulingMessage(message);
      const nodes = objectsOfKind<Node>(snapshot, 'Node');
      const chosen = chooseSchedulingCause(parsed, pod, nodes, pinnedVolumes(snapshot, pod));
      const cause = chosen?.category === 'untolerated-taint' ? nameTaints(chosen, pod, nodes) : chosen;
      if (!cause) return [];
      return [
        makeFinding({
          snapshot, subject: pod, detector: id, category: cause.category, severity: 'critical', container: null,
          title: `Pod ${pod.metadata.name} cannot be scheduled: ${cause.short ?? cause.detail}`,
          rootCause: rootCause(pod, parsed, cause, cause.category === 'pvc-unbound' ? unboundClaims(snapshot, pod) : []),
          evidence: [
            ...(event ? [eventEvidence(snapshot, event)] : []),
            ...(condition?.status === 'False' && !event ? [statusEvidence(pod, null, `PodScheduled=False, Reason: ${condition.reason ?? 'Unschedulable'}, Message: ${message}`)] : []),
            statusEvidence(pod, null, `Status: Pending (not assigned to a node)`),
            ...(cause.category === 'pvc-unbound' ? claimEvidence(snapshot, unboundClaims(snapshot, pod), pod) : []),
          ],
          fixes: fixes(snapshot, pod, cause),
          confidence: 0.9,
          key: `${cause.category} ${cause.reasons.map((r) => r.resource ?? r.taint?.key ?? r.kind).join(',')}`,
        }),
      ];
    });
  },
};

function rootCause(pod: Pod, parsed: SchedulingMessage, cause: SchedulingCause, claims: readonly UnboundClaim[]): string {
  const total = parsed.totalNodes !== null ? ` of ${parsed.totalNodes} nodes` : '';
  const name = pod.metadata.name;
  switch (cause.category) {
    case 'insufficient-resources':
      return `No node${total} has room for pod ${name}: ${cause.detail}${parsed.preemption ? '; preemption cannot free space' : ''}.`;
    case 'untolerated-taint':
      return `Pod ${name} does not tolerate the taint${cause.reasons.length > 1 ? 's' : ''} on the nodes it could use: ${cause.detail}.`;
    case 'node-affinity-mismatch':
      return `The placement rules of pod ${name} leave no node${total} that fits: ${cause.detail}.`;
    default:
      return `Pod ${name} waits for a PersistentVolumeClaim that is missing or not bound: ${claims.length ? claims.map(describeClaim).join('; ') : cause.detail}.`;
  }
}

function fixes(snapshot: Snapshot, pod: Pod, cause: SchedulingCause): Fix[] {
  const ns = pod.metadata.namespace;
  switch (cause.category) {
    case 'insufficient-resources': {
      const names = [...new Set(cause.reasons.map((r) => r.resource).filter((r): r is string => !!r))];
      const resources = names.join(', ');
      return [
        ...capacityFixes(snapshot, pod, names),
        { description: `Compare the pod's requests (${resources}) with what nodes have free`, command: `kubectl describe nodes | grep -A 8 "Allocated resources"` },
        { description: 'Lower the requests of the workload, or add capacity (scale the node pool / enable the cluster autoscaler)', command: `kubectl get pod ${pod.metadata.name} -n ${ns} -o jsonpath='{range .spec.containers[*]}{.name}{": "}{.resources.requests}{"\\n"}{end}'` },
      ];
    }
    case 'untolerated-taint': {
      const taint = cause.reasons.find((r) => r.taint)?.taint;
      const lifecycle = taint ? NODE_LIFECYCLE_TAINTS[taint.key] : undefined;
      return [
        ...(taint && lifecycle ? [{ description: `${taint.key} is put on nodes by Kubernetes itself: ${lifecycle} Fix the nodes rather than tolerating it in the workload`, command: `kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints` }] : []),
        { description: 'See which taints the nodes carry', command: `kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints` },
        ...(taint && !lifecycle ? [tolerationFix(snapshot, pod, taint)] : []),
      ];
    }
    case 'node-affinity-mismatch':
      return [
        ...placementFixes(snapshot, pod, cause.reasons),
        { description: 'Relax the selector, affinity, anti-affinity or topology spread rule, or label a node so it matches' },
      ];
    default: {
      const claims = (pod.spec?.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName).filter(Boolean);
      return [
        ...claimFixes(unboundClaims(snapshot, pod), ns ?? snapshot.target.namespace),
        { description: 'Check the claim and why it is not bound (storage class, provisioner, capacity)', command: `kubectl get pvc -n ${ns}${claims.length ? ` ${claims.join(' ')}` : ''} && kubectl describe pvc -n ${ns}${claims.length ? ` ${claims[0]}` : ''}` },
        { description: 'Create the missing claim or fix its storageClassName so a volume can be provisioned', command: `kubectl get storageclass` },
      ];
    }
  }
}

// Taints the node lifecycle sets and clears on its own; what to do about each.
const NODE_LIFECYCLE_TAINTS: Record<string, string> = {
  'node.cloudprovider.kubernetes.io/uninitialized': 'the cloud-controller-manager removes it once it has initialised the node, so it staying means that controller is not running or cannot reach the cloud API (check it in kube-system).',
  'node.kubernetes.io/not-ready': 'the node is NotReady (kubelet, container runtime or CNI down).',
  'node.kubernetes.io/unreachable': 'the node stopped reporting to the control plane.',
  'node.kubernetes.io/network-unavailable': 'the node network (CNI / routes) is not set up yet.',
  'node.kubernetes.io/memory-pressure': 'the node is under memory pressure.',
  'node.kubernetes.io/disk-pressure': 'the node is under disk pressure (free nodefs/imagefs).',
  'node.kubernetes.io/pid-pressure': 'the node is running out of process IDs.',
  'node.kubernetes.io/out-of-service': 'the node was marked out of service.',
};

/** Fills in taint keys the scheduler left out, from the taints the pod does not tolerate on the nodes. */
function nameTaints(cause: SchedulingCause, pod: Pod, nodes: readonly Node[]): SchedulingCause {
  if (cause.reasons.every((r) => r.taint)) return cause;
  const counts = new Map<string, { taint: Taint; nodes: number }>();
  for (const node of nodes) {
    for (const taint of blockingTaints(pod, node).filter((t) => !isSystemTaint(t.key))) {
      const id = `${taint.key}=${taint.value ?? ''}:${taint.effect}`;
      counts.set(id, { taint, nodes: (counts.get(id)?.nodes ?? 0) + 1 });
    }
  }
  const top = [...counts.values()].sort((a, b) => b.nodes - a.nodes)[0];
  if (!top) return cause;
  const named = `${top.taint.key}${top.taint.value ? `=${top.taint.value}` : ''}:${top.taint.effect}`;
  return {
    ...cause,
    reasons: cause.reasons.map((r) => (r.taint ? r : { ...r, taint: { key: top.taint.key, value: top.taint.value ?? '' } })),
    detail: `${cause.detail} (${top.nodes} node(s) carry ${named})`,
  };
}

/** The toleration for the taint as the nodes carry it (its real effect), wrapped for what owns the pod. */
function tolerationFix(snapshot: Snapshot, pod: Pod, taint: { key: string; value: string }): Fix {
  const onNode = objectsOfKind<Node>(snapshot, 'Node').flatMap((n) => n.spec?.taints ?? []).find((t) => t.key === taint.key);
  const value = onNode?.value ?? taint.value;
  const effect = onNode?.effect ?? 'NoSchedule';
  const toleration = `tolerations:\n- key: ${taint.key}\n  operator: ${value ? 'Equal' : 'Exists'}${value ? `\n  value: "${value}"` : ''}\n  effect: ${effect}`;
  return podSpecPatchFix(snapshot, pod, `Add a toleration for ${taint.key}${value ? `=${value}` : ''}:${effect} if the pod is meant to run on those nodes (or remove the taint / uncordon the node)`, toleration);
}

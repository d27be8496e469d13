import type { Node, Pod } from '../domain/k8s-objects.js';
import { isSystemTaint, type SchedulingMessage, type SchedulingReason } from './parse/parse-scheduling-message.js';
import { allocatable, blockingTaints, describeTerms, labelsWithZones, matchesPodSelection, matchesTerms, podRequest, type PinnedVolume } from './parse/node-fit.js';
import type { SchedulingCause } from './detectors/failed-scheduling.js';

/**
 * The scheduler reports each node under the first filter it fails (taints, then node affinity,
 * then resource fit, then volume binding/zone, spread, inter-pod affinity), so counts alone
 * mislead: "5 Insufficient nvidia.com/gpu" from CPU-only nodes hides that the GPU nodes were
 * turned away by their taint, and "2 Insufficient memory" hides that those nodes are in the
 * wrong zone for the pod's volume anyway. With the nodes (and bound PVs) in the snapshot, this
 * finds the constraint that keeps the pod off every node that could actually hold it.
 */
export function bindingConstraint(parsed: SchedulingMessage, pod: Pod, nodes: readonly Node[], pinned: readonly PinnedVolume[]): SchedulingCause | undefined {
  // Deciding "no node can" needs every node; a partial list could hide the one that fits.
  if (nodes.length === 0 || (parsed.totalNodes !== null && nodes.length < parsed.totalNodes)) return undefined;
  const usable = nodes.filter((n) => !n.spec?.unschedulable);
  const accepts = (n: Node) => blockingTaints(pod, n).length === 0 && matchesPodSelection(pod, n);

  const volumeReasons = parsed.reasons.filter((r) => r.kind === 'volume-affinity');
  if (volumeReasons.length) {
    for (const volume of pinned) {
      const there = usable.filter((n) => matchesTerms(volume.terms, labelsWithZones(n)));
      if (there.some(accepts)) continue;
      const zones = [...new Set(usable.map((n) => labelsWithZones(n)['topology.kubernetes.io/zone']).filter((z): z is string => !!z))];
      return {
        category: 'node-affinity-mismatch', reasons: volumeReasons,
        detail: `volume ${volume.volume} of PVC ${volume.claim} can only be used on nodes with ${describeTerms(volume.terms)}, and no schedulable node there ${there.length ? 'accepts the pod' : 'exists'}${zones.length ? ` (schedulable nodes are in ${zones.join(', ')})` : ''}`,
        short: `its volume (PVC ${volume.claim}) is pinned to ${describeTerms(volume.terms)}, where no schedulable node ${there.length ? 'accepts it' : 'exists'}`,
      };
    }
  }

  for (const reason of parsed.reasons) {
    const resource = reason.kind === 'resource' ? reason.resource : undefined;
    if (!resource || resource === 'pods') continue;
    const wanted = podRequest(pod, resource);
    if (!(wanted > 0)) continue;
    const capable = usable.filter((n) => allocatable(n, resource) >= wanted);
    // Some node that accepts the pod is big enough: it is full right now, a real capacity problem.
    if (capable.length === 0 || capable.some(accepts)) continue;
    const others = `the other nodes have ${usable.some((n) => !capable.includes(n) && allocatable(n, resource) > 0) ? `less ${resource} than the pod requests` : `no ${resource} at all`}, so no amount of free capacity would help`;
    const tainted = capable.filter((n) => blockingTaints(pod, n).some((t) => !isSystemTaint(t.key)));
    if (tainted.length) {
      const taint = blockingTaints(pod, tainted[0]!).find((t) => !isSystemTaint(t.key))!;
      const reported = parsed.reasons.filter((r) => r.kind === 'taint' && r.taint?.key === taint.key);
      const reasons: SchedulingReason[] = reported.length ? reported : [{ count: tainted.length, kind: 'taint', text: `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`, taint: { key: taint.key, value: taint.value ?? '' } }];
      return {
        category: 'untolerated-taint', reasons,
        short: `the nodes that have ${resource} carry taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}, which it does not tolerate`,
        detail: `the nodes with enough ${resource} (${tainted.map((n) => n.metadata.name).join(', ')}) carry taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}, which the pod does not tolerate; ${others}`,
      };
    }
    const unselected = capable.filter((n) => !matchesPodSelection(pod, n));
    if (unselected.length) {
      const reported = parsed.reasons.filter((r) => r.kind === 'node-affinity');
      return {
        category: 'node-affinity-mismatch', reasons: reported.length ? reported : [reason],
        short: `the nodes that have ${resource} do not match its nodeSelector/affinity`,
        detail: `the nodes with enough ${resource} (${unselected.map((n) => n.metadata.name).join(', ')}) do not match the pod's nodeSelector/affinity; ${others}`,
      };
    }
  }
  return undefined;
}

/**
 * Without node objects: device plugins' nodes are commonly tainted with the resource's own name
 * (nvidia.com/gpu, amd.com/gpu), so "Insufficient nvidia.com/gpu" next to an untolerated
 * nvidia.com/gpu taint means the GPU nodes exist and turn the pod away.
 */
export function extendedResourceTaint(parsed: SchedulingMessage): SchedulingCause | undefined {
  const resources = parsed.reasons.filter((r) => r.kind === 'resource');
  if (resources.length === 0 || !resources.every((r) => r.resource?.includes('/'))) return undefined;
  const domain = (name: string) => name.split('/')[0];
  const taints = parsed.reasons.filter((r) => r.kind === 'taint' && r.taint && resources.some((res) => r.taint!.key === res.resource || (r.taint!.key.includes('/') && domain(r.taint!.key) === domain(res.resource!))));
  if (taints.length === 0) return undefined;
  return { category: 'untolerated-taint', reasons: taints, detail: `${taints.map((r) => `${r.count} ${r.text}`).join(', ')}: the nodes that have ${resources.map((r) => r.resource).join(', ')} are the tainted ones; the rest report Insufficient because they have none` };
}

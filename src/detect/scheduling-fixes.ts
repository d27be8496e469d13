import type { Fix } from '../domain/diagnosis.js';
import type { K8sObject, Node, PersistentVolumeClaim, Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { findObject, objectsOfKind } from '../domain/snapshot-view.js';
import { parseQuantity } from '../domain/quantity.js';
import type { SchedulingReason } from './parse/parse-scheduling-message.js';
import { requiredTerms, type SelectorRequirement } from './parse/node-fit.js';
import { patchTarget } from './pod-facts.js';

/** Placement and capacity fixes that quote the pod's own values and the nodes' labels. */

/** What the pod's app containers request, per resource: the summed value and the quantities as written (`250m+500m`). */
export function podRequests(pod: Pod): Map<string, { text: string; value: number }> {
  const totals = new Map<string, { text: string; value: number }>();
  for (const container of pod.spec?.containers ?? []) {
    for (const [resource, quantity] of Object.entries(container.resources?.requests ?? {})) {
      const value = parseQuantity(String(quantity)) || 0;
      const previous = totals.get(resource);
      totals.set(resource, previous ? { text: `${previous.text}+${quantity}`, value: previous.value + value } : { text: String(quantity), value });
    }
  }
  return totals;
}

export function capacityFixes(snapshot: Snapshot, pod: Pod, resources: string[]): Fix[] {
  const requests = podRequests(pod);
  const nodes = objectsOfKind<Node>(snapshot, 'Node').filter((n) => !n.spec?.unschedulable);
  const fixes: Fix[] = [];
  for (const resource of resources) {
    const wanted = requests.get(resource);
    if (!wanted) continue;
    const largest = nodes
      .map((n) => ({ name: n.metadata.name, text: String(n.status?.allocatable?.[resource] ?? ''), value: parseQuantity(String(n.status?.allocatable?.[resource] ?? '')) || 0 }))
      .sort((a, b) => b.value - a.value)[0];
    const never = largest && largest.value > 0 && largest.value < wanted.value;
    fixes.push({
      description: never
        ? `The pod requests ${resource} ${wanted.text} but the largest node (${largest.name}) has only ${largest.text} allocatable: no node can ever fit it. Lower requests.${resource} below ${largest.text} or add a node pool with bigger nodes`
        : `The pod requests ${resource} ${wanted.text}; lower requests.${resource} of ${patchTarget(snapshot, pod).ref} or add capacity (scale the node pool / cluster autoscaler)`,
      command: `kubectl describe nodes | grep -A 8 "Allocated resources"`,
    });
  }
  return fixes;
}

export function placementFixes(snapshot: Snapshot, pod: Pod, reasons: readonly SchedulingReason[]): Fix[] {
  const ns = pod.metadata.namespace;
  const nodes = objectsOfKind<Node>(snapshot, 'Node');
  const target = patchTarget(snapshot, pod);
  const fixes: Fix[] = [];
  const kinds = new Set(reasons.map((r) => r.kind));
  if (kinds.has('node-affinity')) {
    for (const [key, value] of Object.entries(pod.spec?.nodeSelector ?? {})) {
      const present = [...new Set(nodes.map((n) => n.metadata.labels?.[key]).filter((v): v is string => v !== undefined))];
      if (present.includes(value)) continue;
      fixes.push({
        description: `nodeSelector ${key}: ${value} matches no node${present.length ? `; nodes carry ${key}=${present.join(', ')}` : ` (no node has label ${key})`}. Fix the selector value, or label the intended nodes`,
        command: present.length ? `kubectl patch ${target.ref} -n ${target.namespace} --type merge -p '{"spec":{"template":{"spec":{"nodeSelector":{"${key}":"${present[0]}"}}}}}'` : `kubectl label node <node> ${key}=${value}`,
      });
    }
  }
  if (kinds.has('topology-spread')) {
    const cordoned = nodes.filter((n) => n.spec?.unschedulable).map((n) => n.metadata.name);
    for (const constraint of (pod.spec?.topologySpreadConstraints ?? []) as { topologyKey?: string; maxSkew?: number; whenUnsatisfiable?: string }[]) {
      const domains = (names: string[]) => [...new Set(nodes.filter((n) => names.includes(n.metadata.name)).map((n) => n.metadata.labels?.[constraint.topologyKey ?? ''] ?? '?'))];
      fixes.push({
        description: `topologySpreadConstraints (${constraint.topologyKey}, maxSkew ${constraint.maxSkew ?? 1}, whenUnsatisfiable ${constraint.whenUnsatisfiable ?? 'DoNotSchedule'}) cannot be met${cordoned.length ? `: node ${cordoned.join(', ')} in ${domains(cordoned).join(', ')} is cordoned, so that domain cannot take a pod` : ''}. Uncordon or add a node there, or relax the rule to whenUnsatisfiable: ScheduleAnyway`,
        command: cordoned.length ? `kubectl uncordon ${cordoned[0]}` : `kubectl get nodes -L ${constraint.topologyKey}`,
      });
    }
  }
  if (kinds.has('volume-affinity')) {
    for (const volume of pod.spec?.volumes ?? []) {
      const claimName = volume.persistentVolumeClaim?.claimName;
      const claim = claimName ? findObject<PersistentVolumeClaim>(snapshot, 'PersistentVolumeClaim', claimName, ns) : undefined;
      const pv = claim?.spec?.volumeName ? findObject<K8sObject & { spec?: { nodeAffinity?: unknown } }>(snapshot, 'PersistentVolume', claim.spec.volumeName) : undefined;
      const terms = requiredTerms(pv?.spec?.nodeAffinity).flat().filter((t): t is SelectorRequirement & { values: string[] } => t.operator === 'In' && Array.isArray(t.values));
      if (!claimName || terms.length === 0) continue;
      const where = terms.map((t) => `${t.key}=${t.values.join('|')}`).join(', ');
      const fitting = nodes.filter((n) => !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule') && terms.every((t) => t.values.includes(n.metadata.labels?.[t.key] ?? '')));
      fixes.push({
        description: `Volume ${pv!.metadata.name} of PVC ${claimName} can only attach in ${where}, and ${fitting.length ? `only ${fitting.map((n) => n.metadata.name).join(', ')} qualifies there` : 'no schedulable worker node is there'}. Add a worker node in ${terms[0]!.values.join('/')} (or snapshot the volume and restore it in a zone that has nodes)`,
        command: `kubectl get nodes -L ${terms[0]!.key}`,
      });
    }
  }
  fixes.push({ description: 'Compare the pod nodeSelector/affinity with the node labels', command: `kubectl get pod ${pod.metadata.name} -n ${ns} -o jsonpath='{.spec.nodeSelector}{"\\n"}{.spec.affinity}' && kubectl get nodes --show-labels` });
  return fixes;
}

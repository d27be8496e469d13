import type { K8sObject, Node, PersistentVolumeClaim, Pod, Taint, Toleration } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { parseQuantity } from '../../domain/quantity.js';
import { findObject } from '../../domain/snapshot-view.js';

/**
 * The scheduler's filters re-done on the nodes in the snapshot, so a mixed FailedScheduling
 * message can be read the way an SRE reads it: which nodes could hold the pod at all, and
 * what keeps the pod off them. Only what the API objects say; no guessing of free capacity.
 */

export interface SelectorRequirement { key: string; operator: string; values?: string[] }

/** Taints with NoSchedule/NoExecute block scheduling; PreferNoSchedule only lowers the score. */
export function blockingTaints(pod: Pod, node: Node): Taint[] {
  return (node.spec?.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule' && !(pod.spec?.tolerations ?? []).some((tol) => tolerates(tol, t)));
}

export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (!toleration.key) return toleration.operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

function matchesRequirement(labels: Record<string, string>, requirement: SelectorRequirement): boolean {
  const value = labels[requirement.key];
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In': return value !== undefined && values.includes(value);
    case 'NotIn': return value === undefined || !values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(values[0]);
    default: return false;
  }
}

/** nodeSelectorTerms are ORed, the expressions inside one term ANDed; no terms means any node. */
export function requiredTerms(affinity: unknown): SelectorRequirement[][] {
  const required = (affinity as { required?: { nodeSelectorTerms?: { matchExpressions?: SelectorRequirement[] }[] } } | undefined)?.required;
  return (required?.nodeSelectorTerms ?? []).map((t) => t.matchExpressions ?? []);
}

export function matchesTerms(terms: SelectorRequirement[][], labels: Record<string, string>): boolean {
  return terms.length === 0 || terms.some((term) => term.every((r) => matchesRequirement(labels, r)));
}

/** nodeSelector plus required node affinity of the pod. */
export function matchesPodSelection(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  if (!Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false;
  const nodeAffinity = (pod.spec?.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: unknown } } | undefined)?.nodeAffinity;
  const terms = requiredTerms({ required: nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution });
  return matchesTerms(terms, labels);
}

/** What the pod asks of one resource: app containers summed, or the largest init container; a limit alone implies the request. */
export function podRequest(pod: Pod, resource: string): number {
  const of = (c: { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }) =>
    parseQuantity(String(c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource] ?? 0)) || 0;
  const app = (pod.spec?.containers ?? []).reduce((n, c) => n + of(c), 0);
  const init = Math.max(0, ...(pod.spec?.initContainers ?? []).map(of));
  return Math.max(app, init);
}

export function allocatable(node: Node, resource: string): number {
  return parseQuantity(String(node.status?.allocatable?.[resource] ?? 0)) || 0;
}

// CSI drivers publish their own zone key as a node label; older clusters use the beta key.
const ZONE_KEYS = ['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'topology.ebs.csi.aws.com/zone', 'topology.gke.io/zone', 'topology.disk.csi.azure.com/zone', 'topology.cinder.csi.openstack.org/zone'];

/** Node labels with every zone key filled in from any other, so a PV pinned by a driver's key matches a node labelled with the standard one. */
export function labelsWithZones(node: Node): Record<string, string> {
  const labels = { ...(node.metadata.labels ?? {}) };
  const zone = ZONE_KEYS.map((k) => labels[k]).find((v) => v !== undefined);
  if (zone !== undefined) for (const key of ZONE_KEYS) labels[key] ??= zone;
  return labels;
}

export interface PinnedVolume { claim: string; volume: string; terms: SelectorRequirement[][] }

/** Bound PVs of the pod's claims that carry required node affinity (zone or node pinning). */
export function pinnedVolumes(snapshot: Snapshot, pod: Pod): PinnedVolume[] {
  return (pod.spec?.volumes ?? []).flatMap((v) => {
    const claimName = v.persistentVolumeClaim?.claimName;
    const claim = claimName ? findObject<PersistentVolumeClaim>(snapshot, 'PersistentVolumeClaim', claimName, pod.metadata.namespace) : undefined;
    const pv = claim?.spec?.volumeName ? findObject<K8sObject & { spec?: { nodeAffinity?: unknown } }>(snapshot, 'PersistentVolume', claim.spec.volumeName) : undefined;
    const terms = requiredTerms(pv?.spec?.nodeAffinity);
    return claimName && pv && terms.length ? [{ claim: claimName, volume: pv.metadata.name, terms }] : [];
  });
}

/** `topology.kubernetes.io/zone=us-east-1c` for the In requirements of the terms. */
export function describeTerms(terms: SelectorRequirement[][]): string {
  return terms.map((t) => t.map((r) => (r.operator === 'In' ? `${r.key}=${(r.values ?? []).join('|')}` : `${r.key} ${r.operator} ${(r.values ?? []).join('|')}`)).join(', ')).join(' or ');
}

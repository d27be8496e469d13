import type { ClusterEvent, ContainerStatus, K8sObject, Pod, Workload } from './k8s-objects.js';
import type { LogExcerpt, Snapshot } from './snapshot.js';

/**
 * Pure read helpers over a Snapshot. Every stage after collection reads the snapshot
 * through these so that "which pods belong to the target" has one answer.
 * Time is the snapshot's collectedAt, never the wall clock, so replays are deterministic.
 */

export function snapshotTime(snapshot: Snapshot): number {
  const t = Date.parse(snapshot.metadata.collectedAt);
  return Number.isNaN(t) ? 0 : t;
}

export function objectsOfKind<T extends K8sObject = K8sObject>(snapshot: Snapshot, kind: string): T[] {
  return snapshot.objects.filter((o) => o.kind === kind) as T[];
}

export function findObject<T extends K8sObject = K8sObject>(
  snapshot: Snapshot,
  kind: string,
  name: string,
  namespace?: string,
): T | undefined {
  return snapshot.objects.find(
    (o) =>
      o.kind === kind &&
      o.metadata.name === name &&
      (namespace === undefined || o.metadata.namespace === undefined || o.metadata.namespace === namespace),
  ) as T | undefined;
}

export function targetObject(snapshot: Snapshot): K8sObject | undefined {
  const { kind, name, namespace } = snapshot.target;
  return findObject(snapshot, kind, name, namespace);
}

/** The controller owner reference of an object, if any. */
export function controllerOf(object: K8sObject): { kind: string; name: string } | undefined {
  const refs = object.metadata.ownerReferences ?? [];
  const ref = refs.find((r) => r.controller) ?? refs[0];
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

/** Owner chain from the object upwards (ReplicaSet, then Deployment), as far as the snapshot holds it. */
export function ownerChain(snapshot: Snapshot, object: K8sObject): K8sObject[] {
  const chain: K8sObject[] = [];
  let current: K8sObject | undefined = object;
  for (let depth = 0; current && depth < 5; depth++) {
    const owner = controllerOf(current);
    if (!owner) break;
    const found: K8sObject | undefined = findObject(snapshot, owner.kind, owner.name, current.metadata.namespace);
    if (!found) break;
    chain.push(found);
    current = found;
  }
  return chain;
}

function ownedBy(snapshot: Snapshot, object: K8sObject, ancestor: K8sObject): boolean {
  return ownerChain(snapshot, object).some((o) => o.kind === ancestor.kind && o.metadata.name === ancestor.metadata.name)
    || (controllerOf(object)?.kind === ancestor.kind && controllerOf(object)?.name === ancestor.metadata.name);
}

/** The pods the diagnosis is about: the target pod, or the pods of the target workload. */
export function targetPods(snapshot: Snapshot): Pod[] {
  const pods = objectsOfKind<Pod>(snapshot, 'Pod');
  if (snapshot.target.kind === 'Pod') {
    return pods.filter((p) => p.metadata.name === snapshot.target.name);
  }
  const workload = targetObject(snapshot);
  if (!workload) return [];
  return pods.filter((p) => ownedBy(snapshot, p, workload));
}

/** ReplicaSets of a Deployment target, newest revision first. */
export function replicaSetsOf(snapshot: Snapshot, deployment: K8sObject): Workload[] {
  return objectsOfKind<Workload>(snapshot, 'ReplicaSet')
    .filter((rs) => controllerOf(rs)?.kind === deployment.kind && controllerOf(rs)?.name === deployment.metadata.name)
    .sort((a, b) => revisionOf(b) - revisionOf(a));
}

export function revisionOf(object: K8sObject): number {
  const value = object.metadata.annotations?.['deployment.kubernetes.io/revision'];
  const n = value === undefined ? Number.NaN : Number(value);
  return Number.isNaN(n) ? 0 : n;
}

export function eventsFor(snapshot: Snapshot, kind: string, name: string): ClusterEvent[] {
  return snapshot.events.filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name);
}

/** The most recent time an event was seen, across the legacy and events.k8s.io/v1 forms. */
export function eventLastSeen(event: ClusterEvent): number {
  const candidates = [event.lastTimestamp, event.series?.lastObservedTime, event.eventTime, event.firstTimestamp, event.metadata?.creationTimestamp];
  for (const c of candidates) {
    if (c) {
      const t = Date.parse(c);
      if (!Number.isNaN(t)) return t;
    }
  }
  return 0;
}

export function eventFirstSeen(event: ClusterEvent): number {
  const candidates = [event.firstTimestamp, event.eventTime, event.metadata?.creationTimestamp, event.lastTimestamp];
  for (const c of candidates) {
    if (c) {
      const t = Date.parse(c);
      if (!Number.isNaN(t)) return t;
    }
  }
  return 0;
}

/** How many times an event occurred: `count`, else `series.count`, else 1. */
export function eventCount(event: ClusterEvent): number {
  return event.count ?? event.series?.count ?? 1;
}

export function logFor(snapshot: Snapshot, pod: string, container: string, previous: boolean): LogExcerpt | undefined {
  return snapshot.logs.find((l) => l.pod === pod && l.container === container && l.previous === previous);
}

export function allContainerStatuses(pod: Pod): { status: ContainerStatus; init: boolean }[] {
  return [
    ...(pod.status?.initContainerStatuses ?? []).map((status) => ({ status, init: true })),
    ...(pod.status?.containerStatuses ?? []).map((status) => ({ status, init: false })),
  ];
}

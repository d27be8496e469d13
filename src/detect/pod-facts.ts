import type { ClusterEvent, Container, ContainerStatus, K8sObject, Pod, Workload } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { eventCount, eventLastSeen, eventsFor, findObject, ownerChain, snapshotTime, targetPods } from '../domain/snapshot-view.js';
import { stripPodHash } from './fingerprint.js';

/** Facts about pods that several detectors need, answered one way. */

export interface WorkloadRef {
  kind: string;
  name: string;
  namespace: string;
}

/** The top-most owner the snapshot knows (Deployment over ReplicaSet), else the pod itself. */
export function workloadOf(snapshot: Snapshot, object: K8sObject): WorkloadRef {
  const namespace = object.metadata.namespace ?? snapshot.target.namespace;
  const chain = ownerChain(snapshot, object);
  const top = chain[chain.length - 1];
  if (top) {
    // A ReplicaSet whose Deployment was not collected is still managed by it: patch the Deployment.
    const above = top.kind === 'ReplicaSet' ? top.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment') : undefined;
    return above ? { kind: above.kind, name: above.name, namespace } : { kind: top.kind, name: top.metadata.name, namespace };
  }
  const ref = object.metadata.ownerReferences?.find((r) => r.controller) ?? object.metadata.ownerReferences?.[0];
  if (ref) {
    if (ref.kind === 'ReplicaSet') return { kind: 'Deployment', name: stripPodHash(ref.name), namespace };
    if (ref.kind === 'Job' && snapshot.target.kind !== 'Job') return { kind: 'Job', name: ref.name, namespace };
    return { kind: ref.kind, name: ref.name, namespace };
  }
  return { kind: object.kind, name: object.kind === 'Pod' ? stripPodHash(object.metadata.name) : object.metadata.name, namespace };
}

/** `deployment/web` when the pod has a controller we can patch, else `pod/<name>`. */
export function patchTarget(snapshot: Snapshot, pod: Pod): { ref: string; kind: string; name: string; namespace: string; bare: boolean } {
  const workload = workloadOf(snapshot, pod);
  const namespace = pod.metadata.namespace ?? snapshot.target.namespace;
  if (workload.kind === 'Pod') return { ref: `pod/${pod.metadata.name}`, kind: 'Pod', name: pod.metadata.name, namespace, bare: true };
  return { ref: `${workload.kind.toLowerCase()}/${workload.name}`, kind: workload.kind, name: workload.name, namespace, bare: false };
}

/**
 * Pods that finished on purpose (Job/batch pods that Succeeded, or that Failed but whose Job
 * has since succeeded) are not problems, even if a sidecar in them exited non-zero.
 */
export function isFinishedOnPurpose(snapshot: Snapshot, pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded') return true;
  if (phase !== 'Failed') return false;
  const job = ownerChain(snapshot, pod).find((o) => o.kind === 'Job') as Workload | undefined;
  if (!job) return false;
  return jobSucceeded(job);
}

/**
 * A Job that reached its goal: Complete=True, or SuccessCriteriaMet=True (success policy, 1.31+,
 * set before Complete), or one that counted a success and has not failed.
 */
export function jobSucceeded(job: Workload): boolean {
  const conditions = job.status?.conditions ?? [];
  if (conditions.some((c) => (c.type === 'Complete' || c.type === 'SuccessCriteriaMet') && c.status === 'True')) return true;
  return (job.status?.succeeded ?? 0) > 0 && !conditions.some((c) => (c.type === 'Failed' || c.type === 'FailureTarget') && c.status === 'True');
}

/** Target pods worth diagnosing: not finished on purpose, and not an old Failed pod of a Job that has since run again successfully. */
export function activePods(snapshot: Snapshot): Pod[] {
  return targetPods(snapshot).filter((p) => !isFinishedOnPurpose(snapshot, p));
}

export function containerSpec(pod: Pod, name: string): Container | undefined {
  return pod.spec?.containers.find((c) => c.name === name) ?? pod.spec?.initContainers?.find((c) => c.name === name);
}

export function isInitContainer(pod: Pod, name: string): boolean {
  return (pod.spec?.initContainers ?? []).some((c) => c.name === name);
}

/** Native sidecars are init containers with restartPolicy Always; they run alongside the app. */
export function isNativeSidecar(pod: Pod, name: string): boolean {
  return (pod.spec?.initContainers ?? []).some((c) => c.name === name && c.restartPolicy === 'Always');
}

/** Events about a pod; with `container`, only those about that container or about no container. */
export function podEvents(snapshot: Snapshot, pod: Pod, container?: string): ClusterEvent[] {
  const events = eventsFor(snapshot, 'Pod', pod.metadata.name).filter(
    (e) => !e.involvedObject.namespace || !pod.metadata.namespace || e.involvedObject.namespace === pod.metadata.namespace,
  );
  if (!container) return events;
  return events.filter((e) => {
    const path = e.involvedObject.fieldPath;
    if (!path) return true;
    return path.includes(`{${container}}`);
  });
}

export function warningEvents(events: ClusterEvent[], reason: string | RegExp): ClusterEvent[] {
  return events
    .filter((e) => e.type !== 'Normal' && (typeof reason === 'string' ? e.reason === reason : reason.test(e.reason ?? '')))
    .sort((a, b) => eventLastSeen(b) - eventLastSeen(a));
}

/** Strip the dedup suffix the event recorder adds to aggregated messages. */
export function cleanMessage(message: string | null | undefined): string {
  return (message ?? '').replace(/^\(combined from similar events\):\s*/, '').replace(/\s*\(combined from similar events\)\s*$/, '').trim();
}

export function minutesBefore(snapshot: Snapshot, time: string | null | undefined): number | undefined {
  if (!time) return undefined;
  const t = Date.parse(time);
  if (Number.isNaN(t)) return undefined;
  return (snapshotTime(snapshot) - t) / 60_000;
}

export function humanDuration(minutes: number): string {
  if (minutes < 1) return `${Math.max(1, Math.round(minutes * 60))}s`;
  if (minutes < 90) return `${Math.round(minutes)}m`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)}h`;
  return `${Math.round(minutes / 1440)}d`;
}

/** How often and how recently an event was seen, for evidence text. */
export function eventFrequency(snapshot: Snapshot, event: ClusterEvent): string {
  const count = eventCount(event);
  const last = eventLastSeen(event);
  const ago = last ? humanDuration((snapshotTime(snapshot) - last) / 60_000) : undefined;
  return [count > 1 ? `x${count}` : '', ago ? `last ${ago} ago` : ''].filter(Boolean).join(', ');
}

export function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === name);
}

export function nodeOf(snapshot: Snapshot, pod: Pod): K8sObject | undefined {
  const name = pod.spec?.nodeName;
  return name ? findObject(snapshot, 'Node', name) : undefined;
}

export function podCondition(pod: Pod, type: string) {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** Every target pod, including finished ones (for checks that apply whatever the phase). */
export function targetPodsIncludingDone(snapshot: Snapshot): Pod[] {
  return targetPods(snapshot);
}

export function describeEventsCommand(pod: Pod): { description: string; command: string } {
  return {
    description: 'Collect the pod events and the kubelet view (events expire after 1h by default)',
    command: `kubectl get events -n ${pod.metadata.namespace} --field-selector involvedObject.name=${pod.metadata.name} --sort-by=.lastTimestamp`,
  };
}

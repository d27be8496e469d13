import type { LabelSelector, Pod, PodTemplateSpec, Workload } from '../domain/k8s-objects.js';
import {
  collectEvents, collectMetrics, collectNamespacePolicies, collectNode, collectReferences, collectServices, controllerRef,
} from './collect-parts.js';
import { collectLogs } from './collect-logs.js';
import type { Collection } from './collection.js';
import { podProblem } from './pod-health.js';

const MAX_EVENT_PODS = 20;
const MAX_EVENT_REPLICASETS = 5;

function revision(object: Workload): number {
  return Number(object.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) || 0;
}

/**
 * A Deployment, StatefulSet, DaemonSet or Job: the workload, its ReplicaSets (old and new), its pods,
 * their events, and the logs of a few failing pods (how many is `maxLogPods`).
 */
export async function collectWorkloadTarget(c: Collection, workload: Workload, now: number): Promise<void> {
  c.add(workload);
  const namespace = workload.metadata.namespace ?? '';
  const selector: LabelSelector | undefined = workload.spec?.selector;
  const filter = selector ? { labels: selector } : {};
  const ownedBy = (kind: string, names: Set<string>) => (object: { metadata: Workload['metadata'] }) => {
    const ref = controllerRef(object as Workload);
    return ref !== undefined && ref.kind === kind && names.has(ref.name);
  };

  const replicaSets = workload.kind === 'Deployment'
    ? ((await c.attempt(`replicasets of ${namespace}/${workload.metadata.name}`, 'replicasets',
      () => c.reader.list('ReplicaSet', namespace, filter))) ?? [])
      .filter(ownedBy('Deployment', new Set([workload.metadata.name])))
      .sort((a, b) => revision(b as Workload) - revision(a as Workload))
    : [];
  const podOwnerKind = workload.kind === 'Deployment' ? 'ReplicaSet' : workload.kind;
  const podOwnerNames = new Set(workload.kind === 'Deployment' ? replicaSets.map((rs) => rs.metadata.name) : [workload.metadata.name]);
  const pods = ((await c.attempt(`pods of ${workload.kind.toLowerCase()} ${namespace}/${workload.metadata.name}`, 'pods',
    () => c.reader.list('Pod', namespace, filter))) ?? []).filter(ownedBy(podOwnerKind, podOwnerNames)) as Pod[];
  for (const rs of replicaSets) c.add(rs);
  for (const pod of pods) c.add(pod);

  const failing = pods.filter((pod) => podProblem(pod, now) !== undefined);
  const eventPods = [...failing, ...pods.filter((pod) => !failing.includes(pod))].slice(0, MAX_EVENT_PODS);
  const logPods = failing.slice(0, c.limits.maxLogPods);
  const template = workload.spec?.template as PodTemplateSpec | undefined;

  await Promise.all([
    collectEvents(c, namespace, workload.kind, workload.metadata.name),
    ...replicaSets.slice(0, MAX_EVENT_REPLICASETS).map((rs) => collectEvents(c, namespace, 'ReplicaSet', rs.metadata.name)),
    ...eventPods.map((pod) => collectEvents(c, namespace, 'Pod', pod.metadata.name)),
    ...logPods.flatMap((pod) => [collectLogs(c, pod), collectMetrics(c, pod)]),
    ...[...new Set(failing.map((pod) => pod.spec?.nodeName))].map((node) => collectNode(c, node)),
    collectReferences(c, namespace, template?.spec),
    collectServices(c, namespace, [template?.metadata?.labels, ...pods.map((pod) => pod.metadata.labels)]),
    collectNamespacePolicies(c, namespace),
  ]);
}

import type { K8sObject, Pod, Workload } from '../domain/k8s-objects.js';
import type { Target, TargetKind } from '../domain/snapshot.js';
import { controllerRef } from './collect-parts.js';
import { podProblem } from './pod-health.js';

/** One thing to diagnose: a workload whose pods fail (collapsed) or a bare pod, with the cheap triage reason. */
export interface ScanGroup {
  target: Target;
  targetObject: K8sObject;
  /** Triage reason, e.g. `CrashLoopBackOff`; the diagnosis has the last word. */
  problem: string;
  failingPods: string[];
}

const WORKLOAD_KINDS = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

function condition(workload: Workload, type: string): { status: string; reason?: string } | undefined {
  return workload.status?.conditions?.find((c) => c.type === type);
}

/** Workload-level trouble visible without any failing pod (quota refusals, stalled rollouts, failed Jobs). */
export function workloadProblem(workload: Workload): string | undefined {
  if (workload.kind === 'Deployment') {
    if (condition(workload, 'ReplicaFailure')?.status === 'True') return condition(workload, 'ReplicaFailure')?.reason ?? 'ReplicaFailure';
    const progressing = condition(workload, 'Progressing');
    if (progressing?.status === 'False') return progressing.reason ?? 'ProgressDeadlineExceeded';
  }
  if (workload.kind === 'Job' && condition(workload, 'Failed')?.status === 'True') return condition(workload, 'Failed')?.reason ?? 'Failed';
  return undefined;
}

/** Groups unhealthy pods under their top workload (ReplicaSet → Deployment) and adds troubled workloads without failing pods. */
export function scanGroups(lists: ReadonlyMap<string, readonly K8sObject[]>, now: number): ScanGroup[] {
  const byKey = new Map<string, K8sObject>();
  for (const [kind, objects] of lists) {
    for (const object of objects) byKey.set(`${kind}/${object.metadata.namespace}/${object.metadata.name}`, object);
  }
  const topOwner = (pod: Pod): K8sObject => {
    let current: K8sObject = pod;
    for (let depth = 0; depth < 3; depth++) {
      const ref = controllerRef(current);
      const owner = ref && byKey.get(`${ref.kind}/${pod.metadata.namespace}/${ref.name}`);
      if (!owner) break;
      current = owner;
      if (WORKLOAD_KINDS.has(current.kind)) break;
    }
    return WORKLOAD_KINDS.has(current.kind) ? current : pod;
  };

  const groups = new Map<string, ScanGroup>();
  const groupFor = (object: K8sObject, problem: string): ScanGroup => {
    const key = `${object.metadata.namespace}/${object.kind}/${object.metadata.name}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        target: { kind: object.kind as TargetKind, namespace: object.metadata.namespace ?? 'default', name: object.metadata.name },
        targetObject: object,
        problem,
        failingPods: [],
      };
      groups.set(key, group);
    }
    return group;
  };
  for (const pod of (lists.get('Pod') ?? []) as Pod[]) {
    const problem = podProblem(pod, now);
    if (problem) groupFor(topOwner(pod), problem).failingPods.push(pod.metadata.name);
  }
  for (const kind of WORKLOAD_KINDS) {
    for (const workload of (lists.get(kind) ?? []) as Workload[]) {
      const problem = workloadProblem(workload);
      if (problem) groupFor(workload, problem);
    }
  }
  return [...groups.values()].sort((a, b) =>
    a.target.namespace.localeCompare(b.target.namespace) || a.target.kind.localeCompare(b.target.kind) || a.target.name.localeCompare(b.target.name));
}

import type { Category } from '../../domain/categories.js';
import type { Container, K8sObject } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { replicaSetsOf, revisionOf, targetObject } from '../../domain/snapshot-view.js';
import { leafChanges } from './leaf-changes.js';

/** What changed between the pod templates of the newest and the previous ReplicaSet of a Deployment. */

export interface TemplateChange {
  container: string;
  field: 'image' | 'env' | 'resources' | 'probes' | 'command' | 'securityContext';
  from: string;
  to: string;
  /** The differing leaves, e.g. `limits.memory: 1536Mi → 768Mi`, for people to read. */
  details: string[];
}

export interface RolloutDiff {
  deployment: string;
  namespace: string;
  fromRevision: number;
  toRevision: number;
  changes: TemplateChange[];
}

export function diffRollout(snapshot: Snapshot): RolloutDiff | undefined {
  const target = targetObject(snapshot);
  if (!target || target.kind !== 'Deployment') return undefined;
  const [newest, previous] = replicaSetsOf(snapshot, target);
  if (!newest || !previous) return undefined;
  const changes: TemplateChange[] = [];
  const before = containersOf(previous);
  for (const after of containersOf(newest)) {
    const old = before.find((c) => c.name === after.name);
    if (!old) continue;
    const compare = (field: TemplateChange['field'], a: unknown, b: unknown) => {
      const from = JSON.stringify(a ?? null);
      const to = JSON.stringify(b ?? null);
      if (from !== to) {
        const details = field === 'image' ? [`${String(a)} → ${String(b)}`] : leafChanges(a, b);
        changes.push({ container: after.name, field, from: field === 'image' ? String(a) : from, to: field === 'image' ? String(b) : to, details });
      }
    };
    compare('image', old.image, after.image);
    compare('env', { env: old.env, envFrom: old.envFrom }, { env: after.env, envFrom: after.envFrom });
    compare('resources', old.resources, after.resources);
    compare('probes', { liveness: old.livenessProbe, readiness: old.readinessProbe, startup: old.startupProbe }, { liveness: after.livenessProbe, readiness: after.readinessProbe, startup: after.startupProbe });
    compare('command', { command: old.command, args: old.args }, { command: after.command, args: after.args });
    compare('securityContext', old.securityContext, after.securityContext);
  }
  return { deployment: target.metadata.name, namespace: target.metadata.namespace ?? snapshot.target.namespace, fromRevision: revisionOf(previous), toRevision: revisionOf(newest), changes };
}

function containersOf(object: K8sObject): Container[] {
  const spec = (object as { spec?: { template?: { spec?: { containers?: Container[]; initContainers?: Container[] } } } }).spec;
  return [...(spec?.template?.spec?.containers ?? []), ...(spec?.template?.spec?.initContainers ?? [])];
}

/** Which template fields can plausibly cause a symptom of this category. */
const RELEVANT: Partial<Record<Category, TemplateChange['field'][]>> = {
  'image-not-found': ['image'],
  'image-pull-auth': ['image'],
  'registry-unreachable': ['image'],
  'invalid-image-name': ['image'],
  'oom-killed': ['resources', 'image', 'env'],
  'evicted': ['resources'],
  'insufficient-resources': ['resources'],
  'quota-exceeded': ['resources'],
  'missing-configmap': ['env'],
  'missing-secret': ['env'],
  'missing-config-key': ['env'],
  'config-error': ['env', 'command', 'image', 'securityContext'],
  'missing-dependency': ['env', 'image'],
  'app-crash': ['image', 'env', 'command', 'securityContext'],
  'command-error': ['command', 'image', 'securityContext'],
  'liveness-probe-failure': ['probes', 'image', 'resources'],
  'readiness-probe-failure': ['probes', 'image'],
  'rollout-stuck': ['image', 'env', 'resources', 'probes', 'command', 'securityContext'],
};

export function relevantChanges(diff: RolloutDiff, category: Category, container?: string | null): TemplateChange[] {
  const fields = RELEVANT[category] ?? [];
  return diff.changes.filter((c) => fields.includes(c.field) && (!container || c.container === container));
}

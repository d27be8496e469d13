import type { Target } from '../domain/snapshot.js';
import type { ObjectReader } from './object-reader.js';

const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job'] as const;

/** The k8sdiag command that diagnoses `kind` `namespace/name`. */
export function commandFor(kind: string, namespace: string, name: string): string {
  if (kind === 'Pod') return `k8sdiag pod ${namespace}/${name}`;
  if (kind === 'Deployment') return `k8sdiag deploy ${namespace}/${name}`;
  return `k8sdiag workload ${namespace}/${kind.toLowerCase()}/${name}`;
}

/**
 * When the target is not found: is there something else by that name (`k8sdiag pod web` for a
 * Deployment), or pods whose names start with it (the generated suffix left off)? Best effort:
 * any failure here just means no hint.
 */
export async function targetHint(reader: ObjectReader, target: Target): Promise<string | undefined> {
  const others = KINDS.filter((kind) => kind !== target.kind);
  const found = await Promise.all(others.map((kind) =>
    reader.get(kind, target.namespace, target.name).then(() => kind, () => undefined)));
  const kind = found.find((k) => k !== undefined);
  if (kind) return `a ${kind.toLowerCase()} named "${target.name}" exists there: run \`${commandFor(kind, target.namespace, target.name)}\``;
  if (target.kind !== 'Pod') return undefined;
  const pods = await reader.list('Pod', target.namespace).catch(() => []);
  const close = pods.map((pod) => pod.metadata.name).filter((name) => name.startsWith(`${target.name}-`)).sort().slice(0, 3);
  if (close.length === 0) return undefined;
  return `pods with that prefix: ${close.join(', ')} (run \`${commandFor('Pod', target.namespace, close[0] as string)}\`)`;
}

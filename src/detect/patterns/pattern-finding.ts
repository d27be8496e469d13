import type { Finding } from '../../domain/diagnosis.js';
import type { Pod } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { controllerOf, ownerChain } from '../../domain/snapshot-view.js';
import { redact } from '../../redact/redact.js';
import type { CompiledPattern } from './compiled-pattern.js';
import { hitToEvidence, type CauseMatch } from './evaluate-pattern.js';
import { dependencyTarget } from '../dependency-target.js';

/** Pattern findings stay below detector findings, which read the snapshot with purpose-built logic. */
export const MAX_PATTERN_CONFIDENCE = 0.6;

/** A finding of the pattern's own, for hard evidence no detector covered. Names are the real ones. */
export function patternFinding(snapshot: Snapshot, pods: readonly Pod[], pattern: CompiledPattern, match: CauseMatch): Finding {
  const first = match.hits[0];
  const values = placeholderValues(snapshot, pods, first?.pod ?? null, first?.container ?? null, match);
  // Captured values come from logs and events too, so filled text is redacted like evidence.
  const fill = (text: string): string => redact(fillPlaceholders(text, values));
  const fix = match.cause.fix;
  const confidence = Math.min(MAX_PATTERN_CONFIDENCE, Math.round((0.25 + 0.35 * match.score) * 100) / 100);
  return {
    category: match.category,
    severity: match.cause.severity,
    container: values['container'] ?? null,
    title: fill(match.cause.title),
    rootCause: fill(match.cause.description),
    evidence: match.hits.slice(0, 3).map(hitToEvidence),
    fixes: [{ description: fill(fix.description), ...(fix.command ? { command: fill(fix.command) } : {}) }, ...configuredDependencyFix(snapshot, pods, values, match)],
    detectors: [`pattern:${pattern.id}`],
    patterns: [pattern.id],
    fingerprint: `pattern:${pattern.id}/${match.cause.id}:${snapshot.target.namespace}/${snapshot.target.kind}/${snapshot.target.name}${values['container'] ? `/${values['container']}` : ''}`,
    confidence,
  };
}

/**
 * A dependency error that names no host (`Name or service not known`, `server was not found`):
 * the host the container is configured with is the one to check.
 */
function configuredDependencyFix(snapshot: Snapshot, pods: readonly Pod[], values: Record<string, string | undefined>, match: CauseMatch): Finding['fixes'] {
  if (match.category !== 'missing-dependency' || !values['container']) return [];
  const pod = pods.find((p) => p.metadata.name === values['pod']) ?? pods[0];
  if (!pod) return [];
  const quoted = match.hits.map((h) => h.text).join('\n');
  const address = /\b(\d+(?:\.\d+){3}:\d+)\b/.exec(quoted)?.[1];
  const target = dependencyTarget(snapshot, pod, values['container'], address);
  if (!target || quoted.includes(target.name)) return [];
  return [{
    description: target.how === 'cluster-ip'
      ? `${address} is the ClusterIP of Service ${target.name}: check that it has ready endpoints`
      : `The container is configured to reach ${target.name}${target.port ? ` (port ${target.port})` : ''}: check that the name resolves from the namespace and the service behind it exists and is up`,
    command: target.how === 'cluster-ip'
      ? `kubectl get endpointslices -n ${target.namespace ?? snapshot.target.namespace} -l kubernetes.io/service-name=${target.name}`
      : `kubectl run nettest -n ${pod.metadata.namespace ?? snapshot.target.namespace} --rm -it --restart=Never --image=busybox:1.36 -- nslookup ${target.name}`,
  }];
}

/** `{name}` → value; an unknown value becomes `<name>` so a command never looks complete when it is not. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(values, name) && !isPlaceholderName(name)) return whole;
    return values[name] ?? `<${name}>`;
  });
}

function isPlaceholderName(name: string): boolean {
  return /^[a-z][A-Za-z0-9]*$/.test(name);
}

function placeholderValues(
  snapshot: Snapshot,
  pods: readonly Pod[],
  podName: string | null,
  containerName: string | null,
  match: CauseMatch,
): Record<string, string | undefined> {
  const pod = pods.find((p) => p.metadata.name === podName) ?? pods[0];
  const container = containerName ?? match.hits.find((h) => h.container)?.container ?? pod?.spec?.containers[0]?.name;
  const spec = [...(pod?.spec?.containers ?? []), ...(pod?.spec?.initContainers ?? [])].find((c) => c.name === container);
  const captures = Object.assign({}, ...[...match.hits].reverse().map((h) => h.captures)) as Record<string, string>;
  return {
    ...captures,
    namespace: snapshot.target.namespace,
    pod: pod?.metadata.name ?? (snapshot.target.kind === 'Pod' ? snapshot.target.name : undefined),
    container: container ?? undefined,
    workload: workloadRef(snapshot, pod),
    node: pod?.spec?.nodeName,
    image: spec?.image,
  };
}

/** `deployment/web` for `kubectl edit`/`rollout`: the top owner we know, else the pod itself. */
function workloadRef(snapshot: Snapshot, pod: Pod | undefined): string {
  if (snapshot.target.kind !== 'Pod') return `${snapshot.target.kind.toLowerCase()}/${snapshot.target.name}`;
  if (!pod) return `pod/${snapshot.target.name}`;
  const chain = ownerChain(snapshot, pod);
  const top = chain[chain.length - 1];
  if (top && top.kind !== 'ReplicaSet') return `${top.kind.toLowerCase()}/${top.metadata.name}`;
  const owner = controllerOf(pod);
  if (owner && owner.kind !== 'ReplicaSet') return `${owner.kind.toLowerCase()}/${owner.name}`;
  // A ReplicaSet name is its Deployment's name plus a hash; strip the hash when the Deployment is not in the snapshot.
  if (owner?.kind === 'ReplicaSet') return `deployment/${owner.name.replace(/-[a-z0-9]{6,10}$/, '')}`;
  return `pod/${pod.metadata.name}`;
}

import type { Finding } from '../../domain/diagnosis.js';
import type { Pod } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { controllerOf, ownerChain } from '../../domain/snapshot-view.js';
import { redact } from '../../redact/redact.js';
import type { CompiledPattern } from './compiled-pattern.js';
import { hitToEvidence, type CauseMatch } from './evaluate-pattern.js';

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
    fixes: [{ description: fill(fix.description), ...(fix.command ? { command: fill(fix.command) } : {}) }],
    detectors: [`pattern:${pattern.id}`],
    patterns: [pattern.id],
    fingerprint: `pattern:${pattern.id}/${match.cause.id}:${snapshot.target.namespace}/${snapshot.target.kind}/${snapshot.target.name}${values['container'] ? `/${values['container']}` : ''}`,
    confidence,
  };
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

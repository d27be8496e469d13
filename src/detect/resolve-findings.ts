import { SEVERITY_RANK, type Category, type Status } from '../domain/categories.js';
import type { Evidence, Finding } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { targetObject, targetPods } from '../domain/snapshot-view.js';
import type { Workload } from '../domain/k8s-objects.js';
import { redact } from '../redact/redact.js';
import { isGenericFix } from './fix-commands.js';
import { activePods } from './pod-facts.js';
import { diffRollout, relevantChanges } from './parse/rollout-diff.js';
import { whatToCollect } from './what-to-collect.js';

export interface Resolution {
  status: Status;
  category: Category;
  confidence: number;
  summary: string;
  /** Primary first, then the rest, most severe first. */
  findings: Finding[];
  notes: string[];
}

/**
 * Specific beats generic: what blocks the pod from existing or starting outranks what kills it,
 * a named cause (OOM, a dependency in the logs, a command error) outranks a probe restart, and
 * a plain "it crashed" or "the rollout is stuck" comes last.
 */
const CATEGORY_PRIORITY: Partial<Record<Category, number>> = {
  'quota-exceeded': 90, 'pvc-unbound': 88, 'insufficient-resources': 86, 'untolerated-taint': 86, 'node-affinity-mismatch': 86,
  'stuck-terminating': 85, 'invalid-image-name': 84, 'image-not-found': 84, 'image-pull-auth': 84, 'registry-unreachable': 84,
  'missing-configmap': 83, 'missing-secret': 83, 'missing-config-key': 83, 'init-container-failure': 82,
  'volume-mount-failure': 80, 'sandbox-failure': 80, 'evicted': 78, 'oom-killed': 76, 'command-error': 74,
  'missing-dependency': 72, 'config-error': 72, 'liveness-probe-failure': 62, 'app-crash': 50,
  'readiness-probe-failure': 48, 'rollout-stuck': 20, 'unknown': 0,
};

const MAX_EVIDENCE = 8;

export function resolveFindings(snapshot: Snapshot, findings: readonly Finding[]): Resolution {
  const merged = mergeReplicas(snapshot, findings);
  const hasSpecific = merged.some((f) => f.severity !== 'info' && f.category !== 'unknown');
  const candidates = hasSpecific ? merged.filter((f) => f.category !== 'unknown') : merged;
  // "The Job failed" is the verdict, not a cause: when a cause was found, it becomes that cause's evidence.
  const verdicts = hasSpecific ? merged.filter((f) => f.category === 'unknown' && f.detectors.every((d) => VERDICT_DETECTORS.has(d))) : [];
  const ranked = preferNamedInitCause([...candidates].sort(compareFindings));
  const primaryIndex = ranked.findIndex((f) => f.severity !== 'info');
  const notes = collectionNotes(snapshot);

  if (primaryIndex < 0) {
    const unexplained = whatToCollect(snapshot);
    if (unexplained) {
      return {
        status: 'degraded', category: 'unknown', confidence: 0.3, findings: ranked,
        summary: `${label(snapshot)} is not healthy (${unexplained.symptom}) but the snapshot holds no evidence of why.`,
        notes: [...unexplained.collect, ...notes],
      };
    }
    return { status: 'healthy', category: 'healthy', confidence: ranked.length ? 0.85 : 0.9, summary: healthySummary(snapshot), findings: ranked, notes };
  }

  // Findings that say the same thing about the same container corroborate the primary.
  let primary = ranked[primaryIndex]!;
  const rest: Finding[] = [];
  for (const [index, finding] of ranked.entries()) {
    if (index === primaryIndex) continue;
    if (corroborates(primary, finding)) primary = absorb(primary, finding);
    else rest.push(finding);
  }
  for (const verdict of verdicts) primary = absorb(primary, { ...verdict, severity: primary.severity, fixes: [] });
  primary = withRolloutDiff(snapshot, primary);
  primary = { ...primary, confidence: confidenceOf(primary) };
  if (primary.category === 'unknown') notes.unshift(...unknownNotes(snapshot, primary));

  return {
    status: primary.severity === 'critical' ? 'failing' : 'degraded',
    category: primary.category,
    confidence: primary.confidence ?? 0.5,
    // The title is the short form; the root-cause sentence follows it in every renderer.
    summary: primary.title.includes(snapshot.target.name) ? `${primary.title}.` : `${label(snapshot)}: ${primary.title}.`,
    findings: [primary, ...rest],
    notes,
  };
}

/**
 * "Init container X fails" is the symptom; when the same init container was OOMKilled, the
 * memory limit is the cause to fix, and the init failure becomes its supporting finding.
 */
function preferNamedInitCause(ranked: Finding[]): Finding[] {
  const first = ranked.findIndex((f) => f.severity !== 'info');
  const init = ranked[first];
  if (!init || init.category !== 'init-container-failure' || !init.container) return ranked;
  const cause = ranked.findIndex((f) => f.category === 'oom-killed' && f.container === init.container && f.severity !== 'info');
  if (cause < 0) return ranked;
  const [named] = ranked.splice(cause, 1);
  ranked.splice(first, 0, { ...named!, severity: init.severity });
  return ranked;
}

function healthySummary(snapshot: Snapshot): string {
  const pods = targetPods(snapshot);
  const target = targetObject(snapshot) as Workload | undefined;
  if (target?.kind === 'Job' && target.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')) {
    return `${label(snapshot)} looks healthy: the Job completed${(target.status.failed ?? 0) > 0 ? ` (after ${target.status.failed} failed attempt(s), which the retry covered)` : ''}, and no warning explains a failure.`;
  }
  // A finished Job's pods are not "running and ready", and saying so would be wrong.
  if (pods.length > 0 && pods.every((p) => p.status?.phase === 'Succeeded')) {
    return `${label(snapshot)} looks healthy: its ${pods.length === 1 ? 'pod' : `${pods.length} pods`} completed successfully, and no warning explains a failure.`;
  }
  return `${label(snapshot)} looks healthy: all containers are running and ready, and no warning explains a failure.`;
}

function label(snapshot: Snapshot): string {
  const { kind, namespace, name } = snapshot.target;
  return `${kind} ${namespace}/${name}`;
}

function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || (CATEGORY_PRIORITY[b.category] ?? 40) - (CATEGORY_PRIORITY[a.category] ?? 40)
    || (b.confidence ?? 0.5) - (a.confidence ?? 0.5);
}

/** Same fingerprint on several replicas → one finding that says how many pods show it. */
function mergeReplicas(snapshot: Snapshot, findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = finding.fingerprint ?? `${finding.category}|${finding.title}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const podCount = activePods(snapshot).length;
  return [...groups.values()].map((group) => {
    let combined = group[0]!;
    for (const other of group.slice(1)) combined = absorb(combined, other);
    const pods = new Set(group.flatMap((f) => f.evidence.map((e) => /pod\/([\w.-]+)/.exec(e.location ?? '')?.[1]).filter(Boolean)));
    if (pods.size > 1) {
      combined = { ...combined, evidence: [{ source: 'status', text: `${pods.size} of ${Math.max(podCount, pods.size)} pods show this`, location: [...pods].slice(0, 5).map((p) => `pod/${p}`).join(', ') }, ...combined.evidence] };
    }
    return combined;
  });
}

// Detectors that only say "this container keeps exiting"; their status/event evidence backs
// whatever more specific cause was found for the same container.
const GENERIC_CRASH_DETECTORS = new Set(['crash-loop-back-off', 'container-terminated']);
// Detectors that state a workload's outcome (the Job failed) without knowing why.
const VERDICT_DETECTORS = new Set(['job-failed']);

function corroborates(primary: Finding, other: Finding): boolean {
  const sameContainer = !primary.container || !other.container || primary.container === other.container;
  if (other.category === primary.category) return sameContainer;
  if (other.category === 'init-container-failure' && primary.category === 'oom-killed') return !!primary.container && primary.container === other.container;
  const generic = other.detectors.every((d) => GENERIC_CRASH_DETECTORS.has(d)) && (other.category === 'app-crash' || other.category === 'unknown');
  return generic && !!primary.container && primary.container === other.container;
}

function absorb(into: Finding, other: Finding): Finding {
  const seen = new Set(into.evidence.map((e) => e.text));
  const evidence: Evidence[] = [...into.evidence];
  for (const e of other.evidence) {
    if (!seen.has(e.text) && evidence.length < MAX_EVIDENCE) {
      evidence.push(e);
      seen.add(e.text);
    }
  }
  const merged = [...into.fixes];
  for (const fix of other.fixes) if (!merged.some((f) => f.description === fix.description)) merged.push(fix);
  // Steps that name the cause come before the "read the logs / describe the pod" steps any crash gets.
  const fixes = [...merged.filter((f) => !isGenericFix(f)), ...merged.filter(isGenericFix)];
  return {
    ...into,
    severity: SEVERITY_RANK[other.severity] < SEVERITY_RANK[into.severity] ? other.severity : into.severity,
    evidence,
    fixes,
    detectors: [...new Set([...into.detectors, ...other.detectors])],
    patterns: [...new Set([...(into.patterns ?? []), ...(other.patterns ?? [])])],
    confidence: Math.max(into.confidence ?? 0, other.confidence ?? 0),
  };
}

/** Independent sources agreeing (status + event + log) raise confidence; a lone log line stays moderate. */
function confidenceOf(finding: Finding): number {
  const sources = new Set(finding.evidence.map((e) => e.source));
  const base = finding.confidence ?? 0.5;
  const boost = 0.04 * Math.max(0, sources.size - 1) + 0.03 * Math.max(0, finding.detectors.length - 1);
  return Math.round(Math.min(0.98, base + boost) * 100) / 100;
}

function withRolloutDiff(snapshot: Snapshot, primary: Finding): Finding {
  const diff = diffRollout(snapshot);
  if (!diff) return primary;
  const changes = relevantChanges(diff, primary.category, primary.container);
  if (changes.length === 0) return primary;
  const evidence: Evidence[] = changes.slice(0, 3).map((c) => ({
    source: 'spec',
    text: redact(`revision ${diff.toRevision} changed ${c.field} of container ${c.container}: ${c.details.slice(0, 4).join('; ')}${c.details.length > 4 ? `; and ${c.details.length - 4} more` : ''}`),
    location: `deployment/${diff.deployment} rollout ${diff.fromRevision} → ${diff.toRevision}`,
  }));
  return {
    ...primary,
    evidence: [...primary.evidence, ...evidence],
    fixes: [
      // The rollback names the good revision, so it replaces a generic undo step with the same command.
      ...primary.fixes.filter((f) => !f.command?.startsWith(`kubectl rollout undo deployment/${diff.deployment} `)),
      { description: `Roll back to revision ${diff.fromRevision}, which ran without this change, while you fix it`, command: `kubectl rollout undo deployment/${diff.deployment} -n ${diff.namespace} --to-revision=${diff.fromRevision}` },
    ],
  };
}

/** What to read next: the finding's own commands first (they name the container), then the generic list. */
function unknownNotes(snapshot: Snapshot, primary: Finding): string[] {
  const own = primary.fixes.filter((f) => f.command).map((f) => `${f.description}: ${f.command}`);
  const readsLogs = own.some((n) => n.includes('kubectl logs'));
  const generic = (whatToCollect(snapshot)?.collect ?? []).filter((n) => !(readsLogs && n.includes('kubectl logs')));
  return [...own, ...generic];
}

/** One line, not one per error: the errors themselves are listed in `collectionErrors`. */
function collectionNotes(snapshot: Snapshot): string[] {
  const count = snapshot.collectionErrors?.length ?? 0;
  if (count === 0) return [];
  return [`${count} item(s) could not be read (see collectionErrors); with them the diagnosis could change: grant read access (deploy/clusterrole.yaml) and run again.`];
}

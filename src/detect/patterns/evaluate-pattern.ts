import type { Condition, Pod, Workload } from '../../domain/k8s-objects.js';
import type { Category } from '../../domain/categories.js';
import type { Evidence } from '../../domain/diagnosis.js';
import { redact } from '../../redact/redact.js';
import type { CompiledCause, CompiledPattern, CompiledSignature } from './compiled-pattern.js';
import type { ConditionTrigger, SignatureSource } from './pattern-schema.js';
import type { LogSource } from './log-facts.js';
import { conditionLine, stateLine, type Fact } from './snapshot-facts.js';

/** Everything a pattern is evaluated against, built once per snapshot. */
export interface MatchContext {
  readonly pods: readonly Pod[];
  /** The target workload and its newest ReplicaSets, for workload conditions. */
  readonly workloads: readonly Workload[];
  readonly facts: ReadonlyMap<SignatureSource, readonly Fact[]>;
  readonly logs: readonly LogSource[];
}

/** One line that matched, and where it was. */
export interface Hit {
  readonly where: SignatureSource;
  readonly text: string;
  readonly location: string;
  readonly pod: string | null;
  readonly container: string | null;
  readonly captures: Readonly<Record<string, string>>;
}

export interface CauseMatch {
  readonly cause: CompiledCause;
  readonly category: Category;
  readonly score: number;
  readonly hits: readonly Hit[];
}

export interface PatternEvaluation {
  readonly pattern: CompiledPattern;
  /** Empty when the pattern does not apply to this snapshot. */
  readonly triggerHits: readonly Hit[];
  readonly causes: readonly CauseMatch[];
}

/** Triggers first: a pattern's signatures are only read when the pattern applies, which keeps log scanning cheap. */
export function evaluatePattern(pattern: CompiledPattern, context: MatchContext): PatternEvaluation {
  const { hits: triggerHits, kinds: triggerKinds } = findTriggerHits(pattern, context);
  if (triggerHits.length === 0) return { pattern, triggerHits, causes: [] };
  const causes: CauseMatch[] = [];
  for (const cause of pattern.causes) {
    if (cause.unless.some((s) => findHit(s, context))) continue;
    const hits = cause.signatures.map((s) => ({ signature: s, hit: findHit(s, context) }));
    const matched = hits.filter((h): h is { signature: CompiledSignature; hit: Hit } => h.hit !== undefined);
    if (matched.length === 0 || (cause.match === 'all' && matched.length < hits.length)) continue;
    const weight = matched.reduce((sum, h) => sum + h.signature.weight, 0);
    // Signatures dominate: triggers only say the pattern applies, the matched line says which cause.
    const score = Math.min(1, 0.2 + 0.1 * Math.min(triggerKinds, 3) + 0.5 * weight);
    causes.push({ cause, category: cause.category, score: Math.round(score * 100) / 100, hits: matched.map((h) => h.hit) });
  }
  causes.sort((a, b) => b.score - a.score);
  return { pattern, triggerHits, causes };
}

/** Quoted lines leave the process (terminal, JSON, PR comments), so they pass the one redaction step. */
export function hitToEvidence(hit: Hit): Evidence {
  const text = redact(hit.text);
  return { source: hit.where, text: text.length > 500 ? `${text.slice(0, 497)}...` : text, location: hit.location };
}

function findHit(signature: CompiledSignature, context: MatchContext): Hit | undefined {
  if (signature.where === 'log') return findLogHit(signature, context.logs);
  for (const fact of context.facts.get(signature.where) ?? []) {
    if (signature.eventReasons && !(fact.reason && signature.eventReasons.includes(fact.reason))) continue;
    if (signature.containers && (fact.container === null || (signature.containers === 'init') !== (fact.init === true))) continue;
    const match = signature.test.exec(fact.text);
    if (match) return { where: fact.where, text: fact.text, location: fact.location, pod: fact.pod, container: fact.container, captures: { ...match.groups } };
  }
  return undefined;
}

/** The newest matching line: the end of a crash log holds the root of a chained exception. */
function findLogHit(signature: CompiledSignature, logs: readonly LogSource[]): Hit | undefined {
  for (const source of logs) {
    if (signature.containers && (signature.containers === 'init') !== source.init) continue;
    for (let i = source.lines.length - 1; i >= 0; i--) {
      const line = source.lines[i] ?? '';
      const match = signature.test.exec(line);
      if (match) {
        return { where: 'log', text: line.trim(), location: source.location, pod: source.log.pod, container: source.log.container, captures: { ...match.groups } };
      }
    }
  }
  return undefined;
}

/** Hits, and how many different kinds of trigger fired (more kinds agreeing: more confidence). */
function findTriggerHits(pattern: CompiledPattern, context: MatchContext): { hits: Hit[]; kinds: number } {
  const t = pattern.triggers;
  const hits: Hit[] = [];
  const kinds = new Set<string>();
  const hit = (kind: string, where: SignatureSource, text: string, location: string, pod: string | null, container: string | null): void => {
    kinds.add(kind);
    hits.push({ where, text, location, pod, container, captures: {} });
  };
  for (const pod of context.pods) {
    const name = pod.metadata.name;
    const status = pod.status;
    if (t.podPhases && status?.phase && t.podPhases.includes(status.phase)) hit('phase', 'status', `Status: ${status.phase}`, `pod/${name}`, name, null);
    if (t.podReasons && status?.reason && t.podReasons.includes(status.reason)) hit('reason', 'status', `Reason: ${status.reason}`, `pod/${name}`, name, null);
    if (t.deleting && pod.metadata.deletionTimestamp) hit('deleting', 'status', `Terminating since ${pod.metadata.deletionTimestamp}`, `pod/${name}`, name, null);
    for (const condition of status?.conditions ?? []) {
      if (t.conditions?.some((c) => conditionMatches(c, condition))) hit('condition', 'status', conditionLine(condition), `pod/${name}`, name, null);
    }
    const containers = (t.initContainers ? status?.initContainerStatuses : status?.containerStatuses) ?? [];
    for (const container of containers) {
      const location = `pod/${name} ${t.initContainers ? 'init container' : 'container'} ${container.name}`;
      const waiting = container.state?.waiting?.reason;
      if (waiting && t.waitingReasons?.includes(waiting)) hit('waiting', 'status', stateLine('State', container.state) ?? waiting, location, name, container.name);
      for (const [label, state] of [['State', container.state], ['Last State', container.lastState]] as const) {
        const terminated = state?.terminated;
        if (!terminated) continue;
        const byReason = terminated.reason !== undefined && t.terminatedReasons?.includes(terminated.reason);
        const byCode = terminated.exitCode !== 0 && t.exitCodes?.includes(terminated.exitCode);
        if (byReason || byCode) hit('terminated', 'status', stateLine(label, state) ?? '', location, name, container.name);
      }
    }
  }
  for (const workload of context.workloads) {
    for (const condition of workload.status?.conditions ?? []) {
      if (t.workloadConditions?.some((c) => conditionMatches(c, condition))) {
        hit('workload', 'status', conditionLine(condition), `${workload.kind.toLowerCase()}/${workload.metadata.name}`, null, null);
      }
    }
  }
  if (t.eventReasons) {
    for (const fact of context.facts.get('event') ?? []) {
      if (fact.reason && t.eventReasons.includes(fact.reason)) hit('event', 'event', fact.text, fact.location, fact.pod, fact.container);
    }
  }
  for (const regex of pattern.logTriggers) {
    const logHit = findLogHit({ where: 'log', test: regex, groups: [], weight: 0 }, context.logs.filter((l) => !!t.initContainers === l.init));
    if (logHit) {
      kinds.add('log');
      hits.push(logHit);
    }
  }
  return { hits, kinds: kinds.size };
}

function conditionMatches(trigger: ConditionTrigger, condition: Condition): boolean {
  return trigger.type === condition.type && trigger.status === condition.status && (trigger.reason === undefined || trigger.reason === condition.reason);
}

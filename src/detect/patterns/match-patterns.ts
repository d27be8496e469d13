import type { Category } from '../../domain/categories.js';
import type { Evidence, EvidenceSource, Finding } from '../../domain/diagnosis.js';
import type { Workload } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { replicaSetsOf, targetObject, targetPods } from '../../domain/snapshot-view.js';
import { isFinishedOnPurpose } from '../pod-facts.js';
import type { PatternLibrary } from './compiled-pattern.js';
import { evaluatePattern, hitToEvidence, type CauseMatch, type Hit, type MatchContext, type PatternEvaluation } from './evaluate-pattern.js';
import { troubledLogs } from './log-facts.js';
import type { SignatureSource } from './pattern-schema.js';
import { patternFinding } from './pattern-finding.js';
import { collectFacts, type Fact } from './snapshot-facts.js';
import { targetInTrouble } from './target-in-trouble.js';

/** One pattern that applies to the snapshot, with the cause its signatures point at (if any). */
export interface PatternMatch {
  patternId: string;
  /** null when only the pattern's triggers matched, no cause's signature. */
  causeId: string | null;
  category: Category | null;
  score: number;
  /** The strongest matched line and where it was. */
  where: EvidenceSource;
  text: string;
  location: string;
  /** Containers the matched lines belong to; empty for pod- or workload-level lines. */
  containers: string[];
  evidence: Evidence[];
}

export interface PatternMatchResult {
  /** Best first. */
  matches: PatternMatch[];
  /** The input findings with `patterns` filled, then findings contributed by patterns. */
  findings: Finding[];
}

/** Score of a pattern that applies but whose causes' signatures found nothing specific. */
const TRIGGER_ONLY_SCORE = 0.3;

/**
 * Matches the library against a snapshot: tags detector findings with the patterns that explain
 * them, and adds a lower-confidence finding for hard evidence that no detector finding covers.
 */
export function matchPatterns(snapshot: Snapshot, findings: readonly Finding[], library: PatternLibrary): PatternMatchResult {
  // Failed attempts of a Job that has since succeeded are history, not something to explain;
  // a finished pod that cannot be deleted still is.
  const pods = targetPods(snapshot).filter((p) => p.metadata.deletionTimestamp || !isFinishedOnPurpose(snapshot, p));
  const context: MatchContext = { pods, workloads: targetWorkloads(snapshot), facts: groupFacts(collectFacts(snapshot, pods)), logs: troubledLogs(snapshot, pods) };
  const evaluations = library.patterns.map((pattern) => evaluatePattern(pattern, context)).filter((e) => e.triggerHits.length > 0);

  const matches = evaluations.flatMap(toMatches).sort((a, b) => b.score - a.score);
  const tagged = findings.map((finding) => tagFinding(finding, evaluations));
  const contributed = targetInTrouble(snapshot, pods) ? contribute(snapshot, context, evaluations, tagged) : [];
  return { matches, findings: [...tagged, ...contributed] };
}

function toMatches(evaluation: PatternEvaluation): PatternMatch[] {
  const id = evaluation.pattern.id;
  if (evaluation.causes.length === 0) return [toMatch(id, null, null, TRIGGER_ONLY_SCORE, evaluation.triggerHits)];
  return evaluation.causes.map((c) => toMatch(id, c.cause.id, c.category, c.score, c.hits));
}

function toMatch(patternId: string, causeId: string | null, category: Category | null, score: number, hits: readonly Hit[]): PatternMatch {
  const evidence = hits.slice(0, 3).map(hitToEvidence);
  const first = evidence[0];
  return {
    patternId,
    causeId,
    category,
    score,
    where: first?.source ?? 'status',
    text: first?.text ?? '',
    location: first?.location ?? '',
    containers: [...new Set(hits.flatMap((h) => (h.container ? [h.container] : [])))],
    evidence,
  };
}

/**
 * A pattern explains a finding when it applies here and one of its causes has the finding's
 * category. Patterns whose signatures matched that category win; patterns that only
 * triggered (every crash-loop triggers every stack's pattern) are kept only when none did.
 */
function tagFinding(finding: Finding, evaluations: readonly PatternEvaluation[]): Finding {
  const ranked: { id: string; score: number; byCause: boolean }[] = [];
  for (const evaluation of evaluations) {
    if (!evaluation.pattern.causes.some((c) => c.category === finding.category)) continue;
    const sameCategory = evaluation.causes.filter((c) => c.category === finding.category);
    const hits = sameCategory.length > 0 ? sameCategory.flatMap((c) => c.hits) : evaluation.triggerHits;
    if (finding.container && !hits.some((h) => h.container === null || h.container === finding.container)) continue;
    ranked.push({ id: evaluation.pattern.id, score: sameCategory[0]?.score ?? TRIGGER_ONLY_SCORE, byCause: sameCategory.length > 0 });
  }
  const kept = ranked.some((r) => r.byCause) ? ranked.filter((r) => r.byCause) : ranked;
  if (kept.length === 0) return finding;
  kept.sort((a, b) => b.score - a.score);
  const patterns = [...new Set([...(finding.patterns ?? []), ...kept.map((r) => r.id)])];
  return { ...finding, patterns };
}

/**
 * Strongest causes first; one finding per category that no finding already has, and only from
 * lines no other finding quotes, so one log line never becomes two competing causes.
 */
function contribute(snapshot: Snapshot, context: MatchContext, evaluations: readonly PatternEvaluation[], findings: readonly Finding[]): Finding[] {
  const covered = new Set<string>(findings.map((f) => f.category));
  const quoted = new Set(findings.flatMap((f) => f.evidence.map((e) => e.text.trim())));
  const candidates = evaluations
    .flatMap((evaluation) => evaluation.causes.map((match) => ({ evaluation, match })))
    .sort((a, b) => rank(b.match) - rank(a.match));
  const contributed: Finding[] = [];
  for (const { evaluation, match } of candidates) {
    if (covered.has(match.category) || match.hits.some((h) => isQuoted(quoted, h.text))) continue;
    covered.add(match.category);
    for (const hit of match.hits) quoted.add(hit.text.trim());
    contributed.push(patternFinding(snapshot, context.pods, evaluation.pattern, match));
  }
  return contributed;
}

/**
 * Detectors quote event lines with their reason in front (`FailedScheduling: 0/5 nodes …`) and
 * patterns quote the bare message (possibly cut short), so compare by containment.
 */
function isQuoted(quoted: ReadonlySet<string>, text: string): boolean {
  const line = text.trim().replace(/…$/, '');
  if (quoted.has(line)) return true;
  if (line.length < 40) return false;
  for (const q of quoted) if (q.includes(line)) return true;
  return false;
}

/**
 * app-crash is the fallback reading of a stack trace; when the same line also names a more
 * specific cause (a refused connection, a bad config file), that cause should win.
 */
function rank(match: CauseMatch): number {
  return match.score - (match.category === 'app-crash' ? 0.15 : 0);
}

function targetWorkloads(snapshot: Snapshot): Workload[] {
  if (snapshot.target.kind === 'Pod') return [];
  const target = targetObject(snapshot) as Workload | undefined;
  if (!target) return [];
  return [target, ...(snapshot.target.kind === 'Deployment' ? replicaSetsOf(snapshot, target).slice(0, 2) : [])];
}

function groupFacts(facts: readonly Fact[]): Map<SignatureSource, Fact[]> {
  const grouped = new Map<SignatureSource, Fact[]>();
  for (const fact of facts) {
    const list = grouped.get(fact.where) ?? [];
    list.push(fact);
    grouped.set(fact.where, list);
  }
  return grouped;
}

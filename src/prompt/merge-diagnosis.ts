import type { Diagnosis, Evidence, Finding, Fix } from '../domain/diagnosis.js';
import type { LlmAnswer } from './llm-answer-schema.js';

export interface MergeResult {
  diagnosis: Diagnosis;
  notes: string[];
}

// Facts the kubelet or API server recorded; a model's reading of logs does not outrank them.
const HARD_SOURCES = new Set(['status', 'event', 'node']);

function isHard(finding: Finding | undefined): boolean {
  return Boolean(finding && finding.severity === 'critical' && (finding.confidence ?? 0) >= 0.75 && finding.evidence.some((e) => HARD_SOURCES.has(e.source)));
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The LLM refines, it does not overrule: it may rewrite the explanation and fixes and move the
 * confidence, but a category backed by hard evidence (OOMKilled in the status) stays unless the
 * answer says why and backs it with grounded quotes. Only grounded evidence is merged.
 */
export function mergeDiagnosis(rules: Diagnosis, answer: LlmAnswer, groundedEvidence: readonly Evidence[], groundingRate: number): MergeResult {
  const notes: string[] = [];
  const primary = rules.findings[0];
  const agrees = answer.category === rules.category;
  const justified = Boolean(answer.disagreement && answer.disagreement.trim().length > 10 && groundedEvidence.length > 0);
  let category = rules.category;
  if (!agrees) {
    if (answer.category === 'healthy' || answer.category === 'unknown') {
      // The rules saw a fault; "nothing is wrong" (often what an injected log line asks for) is not a refinement.
      notes.push(`The LLM answered ${answer.category}, but the rules found ${rules.category}; kept ${rules.category}.`);
    } else if (rules.category === 'unknown' || !primary || (!isHard(primary) && groundingRate >= 0.5) || (isHard(primary) && justified)) {
      category = answer.category;
      notes.push(`The LLM changed the category from ${rules.category} to ${answer.category}${answer.disagreement ? `: ${answer.disagreement}` : '.'}`);
    } else {
      notes.push(`The LLM suggested ${answer.category}, but the rules' ${rules.category} rests on recorded status/events${answer.disagreement ? '' : ' and the LLM gave no reason'}; kept ${rules.category}.`);
    }
  }
  const adopted = category === answer.category;
  const llmFixes: Fix[] = answer.fixes.map((f) => ({ description: f.description, ...(f.command ? { command: f.command } : {}) }));
  const refined: Finding = {
    ...(primary ?? { severity: answer.severity, detectors: [], patterns: [], evidence: [], fixes: [] }),
    category,
    title: adopted ? answer.title : primary?.title ?? answer.title,
    rootCause: adopted ? answer.rootCause : primary?.rootCause ?? answer.rootCause,
    container: primary?.container ?? answer.container,
    evidence: dedupe([...(primary?.evidence ?? []), ...groundedEvidence], (e) => `${e.source}:${e.text.trim().toLowerCase()}`),
    fixes: adopted ? dedupe([...llmFixes, ...(primary?.fixes ?? [])], (f) => f.description.trim().toLowerCase()) : primary?.fixes ?? [],
    detectors: [...(primary?.detectors ?? []), 'llm'],
  };
  // Confidence moves toward the model's only as far as its quotes hold up.
  const confidence = adopted
    ? agrees
      ? Math.min(0.99, Math.max(rules.confidence, rules.confidence * 0.5 + answer.confidence * 0.5 * groundingRate + 0.5 * (1 - groundingRate) * rules.confidence))
      : Math.min(0.95, answer.confidence * groundingRate)
    : rules.confidence;
  const diagnosis: Diagnosis = {
    ...rules,
    status: rules.status === 'healthy' ? 'failing' : rules.status,
    category,
    confidence: Math.round(confidence * 100) / 100,
    summary: adopted ? answer.summary : rules.summary,
    findings: [refined, ...rules.findings.slice(primary ? 1 : 0)],
  };
  return { diagnosis, notes };
}

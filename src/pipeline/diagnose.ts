import type { Diagnosis, Finding, Warning } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Detector } from '../detect/detector.js';
import { DETECTORS } from '../detect/detector-registry.js';
import type { PatternLibrary } from '../detect/patterns/compiled-pattern.js';
import { loadDefaultPatterns } from '../detect/patterns/load-patterns.js';
import { matchPatterns } from '../detect/patterns/match-patterns.js';
import { renderPatternsForPrompt } from '../detect/patterns/render-pattern-for-prompt.js';
import { hydeFromPattern } from '../detect/patterns/hyde-from-pattern.js';
import { resolveFindings } from '../detect/resolve-findings.js';
import { runDetectors } from '../detect/run-detectors.js';
import type { Retriever } from '../retrieve/retrieve-passages.js';
import { retrieveReferences } from './retrieve-references.js';
import { explainDiagnosis, type ExplainDeps, type ExplainOptions, type ExplainResult, type ExplainSettings } from './explain.js';

export interface DiagnoseDeps {
  detectors?: readonly Detector[];
  /** Documentation search; without it the diagnosis has no references. See `createRetriever`. */
  retriever?: Retriever;
  /** Memoized pattern-library loader; `null` switches patterns off (rules-only). Default: the shipped `patterns/`. */
  patterns?: (() => PatternLibrary) | null;
  /** The explain stage; absent (or settings.provider null) means the deterministic diagnosis. */
  llm?: ExplainDeps & { settings: ExplainSettings; options?: ExplainOptions };
  /** Similar past investigations (rated well) for the prompt, as one line each. */
  history?: (findings: readonly Finding[]) => Promise<string[]>;
}

export interface DiagnoseOptions {
  /** Restrict to these detector ids (`--detector`). */
  detectorIds?: readonly string[];
}

export interface DiagnoseResult {
  diagnosis: Diagnosis;
  warnings: Warning[];
  /** What the explain stage decided (route, score, the prompt for --show-prompt), when it ran. */
  explain?: ExplainResult;
}

/** The straight line: detect → resolve → (retrieve → route → explain) → Diagnosis. */
export async function diagnose(snapshot: Snapshot, deps: DiagnoseDeps = {}, options: DiagnoseOptions = {}): Promise<DiagnoseResult> {
  const warnings: Warning[] = [];
  const allDetectors = deps.detectors ?? DETECTORS;
  const detectors = options.detectorIds ? allDetectors.filter((d) => options.detectorIds?.includes(d.id)) : allDetectors;

  const detected = runDetectors(snapshot, detectors);
  warnings.push(...detected.warnings);
  // A broken shipped library throws InputError here: silently diagnosing without it would hide the bug.
  const library = deps.patterns === null ? undefined : (deps.patterns ?? loadDefaultPatterns)();
  const matched = library ? matchPatterns(snapshot, detected.findings, library) : undefined;
  const findings = matched ? matched.findings : detected.findings;
  const resolution = resolveFindings(snapshot, findings);
  // With no LLM, HyDE's hypothetical answer is the best-matching pattern's cause and fix.
  const topMatch = matched?.matches.find((m) => m.causeId !== null) ?? matched?.matches[0];
  const topPattern = topMatch && library?.patterns.find((p) => p.id === topMatch.patternId);
  const hydeText = topPattern ? hydeFromPattern(topPattern, topMatch.causeId) : undefined;
  const references = await retrieveReferences(snapshot, resolution.findings, deps.retriever, warnings, hydeText);

  const diagnosis: Diagnosis = {
    apiVersion: 'k8sdiag/v1',
    kind: 'Diagnosis',
    target: snapshot.target,
    status: resolution.status,
    category: resolution.category,
    confidence: resolution.confidence,
    summary: resolution.summary,
    findings: resolution.findings,
    references,
    llm: null,
    ...(resolution.notes.length > 0 ? { notes: resolution.notes } : {}),
    ...(snapshot.collectionErrors?.length ? { collectionErrors: snapshot.collectionErrors } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    snapshot: { collectedAt: snapshot.metadata.collectedAt, ...(snapshot.metadata.context ? { context: snapshot.metadata.context } : {}) },
  };
  if (!deps.llm?.settings.provider) return { diagnosis, warnings };

  const patterns = library && matched ? [renderPatternsForPrompt(library, matched.matches)].filter((p) => p !== '') : [];
  const passages = references.map((r) => ({ id: r.heading ? `${r.source}#${r.heading}` : r.source, title: r.title, source: r.source, text: r.heading ?? '' }));
  const history = deps.history ? await deps.history(diagnosis.findings).catch(() => []) : [];
  const explain = await explainDiagnosis(
    { snapshot, diagnosis, patterns, passages, ...(history.length > 0 ? { history } : {}) },
    deps.llm,
    deps.llm.settings,
    deps.llm.options,
  );
  warnings.push(...explain.warnings);
  return { diagnosis: warnings.length > 0 ? { ...explain.diagnosis, warnings } : explain.diagnosis, warnings, explain };
}

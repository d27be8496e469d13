import { CATEGORIES, type Category } from '../domain/categories.js';
import type { Diagnosis } from '../domain/diagnosis.js';
import type { ScenarioLabel } from './scenario-label.js';

export interface ScoredCase {
  id: string;
  label: ScenarioLabel;
  diagnosis: Diagnosis;
}

export interface CategoryScore {
  category: Category;
  /** Scenarios labeled with this category. */
  n: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** null when the tool never answered this category (nothing to be precise about). */
  precision: number | null;
  /** null when no scenario carries this label. */
  recall: number | null;
}

export interface Confusion {
  expected: Category;
  got: Category;
  ids: string[];
}

export interface HitRate {
  /** Scenarios whose label lists at least one substring. */
  checked: number;
  /** Of those, scenarios where every substring was found. */
  hits: number;
  rate: number | null;
  misses: { id: string; missing: string[] }[];
}

export interface ScenarioScore {
  total: number;
  correct: number;
  accuracy: number;
  perCategory: CategoryScore[];
  confusions: Confusion[];
  evidence: HitRate;
  fix: HitRate;
  /** Healthy-labeled scenarios that came back with any other category. */
  falseAlarms: { id: string; got: Category }[];
  /** Healthy-labeled scenarios checked for false alarms. */
  healthyChecked: number;
}

export function scoreScenarios(cases: readonly ScoredCase[]): ScenarioScore {
  const correct = cases.filter((c) => c.diagnosis.category === c.label.category).length;
  return {
    total: cases.length,
    correct,
    accuracy: cases.length === 0 ? 0 : correct / cases.length,
    perCategory: scoreCategories(cases),
    confusions: confusionsOf(cases),
    evidence: hitRate(cases, (c) => c.label.evidence, evidenceText),
    fix: hitRate(cases, (c) => c.label.fix, fixText),
    falseAlarms: cases
      .filter((c) => c.label.category === 'healthy' && c.diagnosis.category !== 'healthy')
      .map((c) => ({ id: c.id, got: c.diagnosis.category })),
    healthyChecked: cases.filter((c) => c.label.category === 'healthy').length,
  };
}

/** Only categories that occur as a label or an answer, in the spec's order. */
function scoreCategories(cases: readonly ScoredCase[]): CategoryScore[] {
  const seen = new Set<Category>(cases.flatMap((c) => [c.label.category, c.diagnosis.category]));
  return CATEGORIES.filter((category) => seen.has(category)).map((category) => {
    const truePositives = cases.filter((c) => c.label.category === category && c.diagnosis.category === category).length;
    const answered = cases.filter((c) => c.diagnosis.category === category).length;
    const n = cases.filter((c) => c.label.category === category).length;
    return {
      category,
      n,
      truePositives,
      falsePositives: answered - truePositives,
      falseNegatives: n - truePositives,
      precision: answered === 0 ? null : truePositives / answered,
      recall: n === 0 ? null : truePositives / n,
    };
  });
}

function confusionsOf(cases: readonly ScoredCase[]): Confusion[] {
  const byPair = new Map<string, Confusion>();
  for (const c of cases) {
    if (c.diagnosis.category === c.label.category) continue;
    const key = `${c.label.category}\u0000${c.diagnosis.category}`;
    const entry = byPair.get(key) ?? { expected: c.label.category, got: c.diagnosis.category, ids: [] };
    entry.ids.push(c.id);
    byPair.set(key, entry);
  }
  return [...byPair.values()].sort((a, b) => b.ids.length - a.ids.length || a.expected.localeCompare(b.expected));
}

function hitRate(
  cases: readonly ScoredCase[],
  wanted: (c: ScoredCase) => readonly string[],
  haystackOf: (d: Diagnosis) => string,
): HitRate {
  let checked = 0;
  let hits = 0;
  const misses: HitRate['misses'] = [];
  for (const c of cases) {
    const needles = wanted(c);
    if (needles.length === 0) continue;
    checked++;
    const haystack = haystackOf(c.diagnosis).toLowerCase();
    const missing = needles.filter((needle) => !haystack.includes(needle.toLowerCase()));
    if (missing.length === 0) hits++;
    else misses.push({ id: c.id, missing });
  }
  return { checked, hits, rate: checked === 0 ? null : hits / checked, misses };
}

/**
 * Only findings of the answered category count: a tool that lists every finding it has
 * must not earn evidence credit for a cause it did not pick.
 */
function primaryFindings(diagnosis: Diagnosis): Diagnosis['findings'] {
  return diagnosis.findings.filter((f) => f.category === diagnosis.category);
}

function evidenceText(diagnosis: Diagnosis): string {
  return primaryFindings(diagnosis).flatMap((f) => f.evidence.map((e) => e.text)).join('\n');
}

function fixText(diagnosis: Diagnosis): string {
  return primaryFindings(diagnosis)
    .flatMap((f) => f.fixes.flatMap((fix) => [fix.description, fix.command ?? '', fix.patch ?? '']))
    .join('\n');
}

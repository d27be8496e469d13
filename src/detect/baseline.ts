import type { Category } from '../domain/categories.js';
import { isCategory } from '../domain/categories.js';
import type { Finding } from '../domain/diagnosis.js';

/** `.k8sdiagignore` and `--baseline`: CI fails only on findings it has not seen before. */

export interface IgnoreList {
  fingerprints: Set<string>;
  categories: Set<Category>;
  /** Lines that are neither a fingerprint nor a known `category:<name>`, with their line numbers. */
  invalid: { line: number; text: string }[];
}

export function loadIgnoreFile(text: string): IgnoreList {
  const list: IgnoreList = { fingerprints: new Set(), categories: new Set(), invalid: [] };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const category = /^category:\s*(\S+)$/.exec(line)?.[1];
    if (category !== undefined) {
      if (isCategory(category)) list.categories.add(category);
      else list.invalid.push({ line: index + 1, text: raw });
    } else if (/^[0-9a-f]{8,64}$/i.test(line)) list.fingerprints.add(line.toLowerCase());
    else list.invalid.push({ line: index + 1, text: raw });
  }
  return list;
}

export interface KnownFindings {
  ignored?: IgnoreList;
  /** Fingerprints of the findings in a previous diagnosis (`--baseline previous.json`). */
  baselineFingerprints?: Iterable<string>;
}

/** The findings whose fingerprint is new: not ignored, not in an ignored category, not in the baseline. */
export function suppressKnown(findings: readonly Finding[], known: KnownFindings): Finding[] {
  const baseline = new Set([...(known.baselineFingerprints ?? [])].map((f) => f.toLowerCase()));
  return findings.filter((finding) => {
    if (known.ignored?.categories.has(finding.category)) return false;
    const fp = finding.fingerprint?.toLowerCase();
    if (!fp) return true;
    return !known.ignored?.fingerprints.has(fp) && !baseline.has(fp);
  });
}

/** Fingerprints from a previous Diagnosis JSON object (its findings' `fingerprint` fields). */
export function fingerprintsOf(diagnosis: { findings?: readonly { fingerprint?: string | undefined }[] }): string[] {
  return (diagnosis.findings ?? []).map((f) => f.fingerprint).filter((f): f is string => typeof f === 'string');
}

import type { Finding } from '../domain/diagnosis.js';

/** The text similarity runs over: what the rules saw, not how the answer was worded. */
export function findingsText(findings: readonly Finding[]): string {
  return findings
    .map((f) => [f.category, f.title, ...f.evidence.map((e) => e.text), ...f.detectors, ...f.patterns].join('\n'))
    .join('\n\n');
}

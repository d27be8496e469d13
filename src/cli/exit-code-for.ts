import { SEVERITY_RANK } from '../domain/categories.js';
import type { Finding } from '../domain/diagnosis.js';
import type { FailOn } from '../config/global-options.js';
import { EXIT } from './command-context.js';

/** 1 when any counted finding is at or above --fail-on, else 0. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): number {
  if (failOn === 'never') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => SEVERITY_RANK[f.severity] <= threshold) ? EXIT.findings : EXIT.ok;
}

import type { Category, Severity } from '../domain/categories.js';
import type { Diagnosis } from '../domain/diagnosis.js';
import type { Target } from '../domain/snapshot.js';
import { fingerprint, stripPodHash } from '../detect/fingerprint.js';
import { targetPath } from '../render/describe-target.js';

/** One line of `scan`: a failing workload (its failing replicas collapsed) or a bare pod. */
export interface ScanEntry {
  target: Target;
  status: Diagnosis['status'];
  category: Category;
  severity: Severity | null;
  /** One sentence: the diagnosis summary. */
  cause: string;
  /**
   * Same problem → same value on every run. It is the primary finding's own fingerprint, so the string
   * a person copies from scan output also works in `.k8sdiagignore` and `--baseline`.
   */
  fingerprint: string;
  /** Every finding's fingerprint for this target, so a saved scan works as `scan --baseline`. */
  findingFingerprints: string[];
  failingPods: string[];
}

export function scanEntry(diagnosis: Diagnosis, failingPods: readonly string[]): ScanEntry {
  const primary = diagnosis.findings[0];
  const { target } = diagnosis;
  const workload = target.kind === 'Pod' ? stripPodHash(target.name) : target.name;
  return {
    target,
    status: diagnosis.status,
    category: diagnosis.category,
    severity: primary?.severity ?? null,
    cause: diagnosis.summary,
    fingerprint: primary?.fingerprint
      ?? fingerprint({ category: diagnosis.category, namespace: target.namespace, workload, container: primary?.container ?? null }),
    findingFingerprints: [...new Set(diagnosis.findings.map((f) => f.fingerprint).filter((f): f is string => typeof f === 'string'))],
    failingPods: [...failingPods].sort(),
  };
}

export function scanLine(entry: ScanEntry): string {
  const pods = entry.failingPods.length > 1 ? ` (${entry.failingPods.length} pods)` : '';
  const cause = entry.cause.replace(/\s+/g, ' ').trim();
  return `${targetPath(entry.target)}${pods}  ${entry.category}  ${cause}  [${entry.fingerprint}]`;
}

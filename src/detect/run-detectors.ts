import type { Finding, Warning } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Detector } from './detector.js';

export interface DetectorRun {
  findings: Finding[];
  warnings: Warning[];
}

/** Runs every detector; one that throws becomes a warning and the rest go on. */
export function runDetectors(snapshot: Snapshot, detectors: readonly Detector[]): DetectorRun {
  const findings: Finding[] = [];
  const warnings: Warning[] = [];
  for (const detector of detectors) {
    try {
      for (const finding of detector.detect(snapshot)) {
        findings.push(finding.detectors.includes(detector.id) ? finding : { ...finding, detectors: [...finding.detectors, detector.id] });
      }
    } catch (error) {
      warnings.push({ source: `detector:${detector.id}`, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { findings, warnings };
}

import type { Diagnosis } from '../domain/diagnosis.js';

/** One (technique, repeat, scenario) run, as written line by line to the results file. */
export interface BenchCase {
  technique: string;
  /** 0-based repeat index. */
  repeat: number;
  scenario: string;
  latencyMs: number;
  tokens: { input: number; output: number } | null;
  costUsd: number | null;
  route: string | null;
  /** The run threw: scored as a wrong "unknown" answer so failures cost accuracy. */
  error?: string;
  diagnosis: Diagnosis;
}

export function caseKey(c: Pick<BenchCase, 'technique' | 'repeat' | 'scenario'>): string {
  return `${c.technique}\u0000${c.repeat}\u0000${c.scenario}`;
}

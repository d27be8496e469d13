import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { BenchCase } from './bench-case.js';
import { caseKey } from './bench-case.js';

/**
 * JSONL, one finished case per line, appended (and flushed by the OS) as each case ends, so
 * a killed run loses at most the cases in flight. A torn last line from a kill is ignored.
 */
export function readResults(file: string): BenchCase[] {
  if (!existsSync(file)) return [];
  const cases = new Map<string, BenchCase>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as BenchCase;
      if (typeof parsed.technique === 'string' && typeof parsed.scenario === 'string' && parsed.diagnosis) cases.set(caseKey(parsed), parsed);
    } catch {
      // the line a kill cut short; that case simply runs again
    }
  }
  return [...cases.values()];
}

export function appendResult(file: string, result: BenchCase): void {
  appendFileSync(file, `${JSON.stringify(result)}\n`);
}

/** A torn final line must not glue onto the next appended record. */
export function repairTail(file: string): void {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  if (text.length > 0 && !text.endsWith('\n')) appendFileSync(file, '\n');
}

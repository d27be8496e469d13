import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../src/detect/detector-registry.js';

describe('detector registry', () => {
  it('lists exactly one detector per file in detectors/, with id = file name', () => {
    const files = readdirSync(join(import.meta.dirname, '../src/detect/detectors'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(DETECTORS.map((d) => d.id).sort()).toEqual(files);
  });

  it('has unique ids and a description for each', () => {
    expect(new Set(DETECTORS.map((d) => d.id)).size).toBe(DETECTORS.length);
    for (const detector of DETECTORS) expect(detector.description.length).toBeGreaterThan(10);
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../domain/diagnosis.js';
import { fingerprintsOf, loadIgnoreFile, suppressKnown } from './baseline.js';

const finding = (fingerprint: string, category: Finding['category'] = 'app-crash'): Finding => ({
  category, severity: 'critical', title: 't', rootCause: 'r', evidence: [], fixes: [], detectors: ['x'], patterns: [], fingerprint,
});

describe('loadIgnoreFile', () => {
  it('reads fingerprints, comments and category lines, and reports bad lines', () => {
    const list = loadIgnoreFile('# known issues\nabcdef0123456789  # flaky sidecar\n\ncategory: readiness-probe-failure\ncategory:not-a-category\nhello world\n');
    expect([...list.fingerprints]).toEqual(['abcdef0123456789']);
    expect([...list.categories]).toEqual(['readiness-probe-failure']);
    expect(list.invalid.map((i) => i.line)).toEqual([5, 6]);
  });
});

describe('suppressKnown', () => {
  it('keeps only findings whose fingerprint is new', () => {
    const findings = [finding('aaaaaaaaaaaaaaaa'), finding('bbbbbbbbbbbbbbbb'), finding('cccccccccccccccc', 'readiness-probe-failure'), finding('dddddddddddddddd')];
    const ignored = loadIgnoreFile('aaaaaaaaaaaaaaaa\ncategory:readiness-probe-failure');
    const fresh = suppressKnown(findings, { ignored, baselineFingerprints: fingerprintsOf({ findings: [{ fingerprint: 'bbbbbbbbbbbbbbbb' }] }) });
    expect(fresh.map((f) => f.fingerprint)).toEqual(['dddddddddddddddd']);
  });

  it('keeps everything when nothing is known', () => {
    expect(suppressKnown([finding('aaaaaaaaaaaaaaaa')], {})).toHaveLength(1);
  });
});

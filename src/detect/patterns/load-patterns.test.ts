import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../domain/categories.js';
import { InputError } from '../../domain/errors.js';
import { defaultPatternsDir, loadPatterns } from './load-patterns.js';

const VALID = `id: sample
name: Sample
description: A pattern used by the loader tests.
triggers:
  waitingReasons: [CrashLoopBackOff]
symptoms: [it restarts]
investigation:
  - look: the log
    lookFor: an error
causes:
  - id: boom
    title: Container {container} fails
    description: It fails.
    category: app-crash
    signatures:
      - where: log
        regex: 'boom (?<what>\\w+)'
    fix:
      description: Fix {what} in {workload}.
`;

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-patterns-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function loadError(dir: string): InputError {
  try {
    loadPatterns(dir);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected loadPatterns to throw');
}

describe('the shipped pattern library', () => {
  const library = loadPatterns(defaultPatternsDir());

  it('loads every file and has at least 24 patterns', () => {
    expect(library.patterns.length).toBeGreaterThanOrEqual(24);
  });

  it('covers every failure category of the spec', () => {
    const covered = new Set(library.patterns.flatMap((p) => p.causes.map((c) => c.category)));
    const missing = CATEGORIES.filter((c) => c !== 'healthy' && c !== 'unknown' && !covered.has(c));
    expect(missing).toEqual([]);
  });

  it('gives every pattern investigation steps and every cause a fix', () => {
    for (const pattern of library.patterns) {
      expect(pattern.investigation.length, pattern.id).toBeGreaterThan(0);
      for (const cause of pattern.causes) expect(cause.fix.description.length, `${pattern.id}/${cause.id}`).toBeGreaterThan(10);
    }
  });
});

describe('loadPatterns on a malformed library', () => {
  it('accepts a valid file', () => {
    const library = loadPatterns(dirWith({ 'sample.yaml': VALID }));
    expect(library.patterns.map((p) => p.id)).toEqual(['sample']);
    expect(library.patterns[0]?.causes[0]?.signatures[0]?.groups).toEqual(['what']);
  });

  it('names the file and the bad field when a category is wrong', () => {
    const dir = dirWith({ 'sample.yaml': VALID.replace('category: app-crash', 'category: app-crashed') });
    const error = loadError(dir);
    expect(error.message).toContain(join(dir, 'sample.yaml'));
    expect(error.message).toContain('causes[0].category');
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    const error = loadError(dirWith({ 'sample.yaml': VALID.replace('lookFor: an error', 'lookfor: an error') }));
    expect(error.message).toMatch(/sample\.yaml: investigation\[0\]/);
  });

  it('names the file and the signature of an invalid regex', () => {
    const error = loadError(dirWith({ 'sample.yaml': VALID.replace("'boom (?<what>\\w+)'", "'boom (unclosed'") }));
    expect(error.message).toMatch(/sample\.yaml: causes\[0\]\.signatures\[0\]\.regex: invalid regex/);
  });

  it('refuses a regex with nested quantifiers that could hang on a long log line', () => {
    const error = loadError(dirWith({ 'sample.yaml': VALID.replace("'boom (?<what>\\w+)'", () => "'(\\w+\\s?)+$'") }));
    expect(error.message).toMatch(/sample\.yaml: causes\[0\]\.signatures\[0\]\.regex: unsafe regex/);
  });

  it('refuses an unknown placeholder in a fix', () => {
    const error = loadError(dirWith({ 'sample.yaml': VALID.replace('Fix {what}', 'Fix {wat}') }));
    expect(error.message).toMatch(/sample\.yaml: causes\[0\]\.fix\.description: unknown placeholder \{wat\}/);
  });

  it('reports YAML syntax errors with the file and line', () => {
    const error = loadError(dirWith({ 'sample.yaml': `${VALID}\n  bad: [unclosed\n` }));
    expect(error.message).toMatch(/sample\.yaml: line \d+ invalid YAML/);
  });

  it('requires the id to match the file name', () => {
    const error = loadError(dirWith({ 'other.yaml': VALID }));
    expect(error.message).toContain('must equal the file name "other"');
  });

  it('fails on an empty or missing directory', () => {
    expect(loadError(dirWith({})).message).toContain('no pattern files');
    expect(loadError(join(tmpdir(), 'k8sdiag-does-not-exist-xyz')).message).toContain('cannot read');
  });
});

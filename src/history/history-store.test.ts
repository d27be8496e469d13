import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../test/helpers/builders.js';
import { sampleDiagnosis, sampleFinding } from '../../test/helpers/sample-diagnosis.js';
import { openHistoryStore } from './history-store.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { recordInvestigation } from './record-investigation.js';
import { seenBeforeLine, similarInvestigations } from './similar-investigations.js';

const run = promisify(execFile);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8sdiag-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const meta = { technique: 'rules', createdAt: '2026-11-20T10:00:00Z' };

describe('history store', () => {
  it('records a diagnosis with a short id and reads it back by id or prefix', () => {
    const store = openHistoryStore(join(dir, 'h.db'));
    const record = recordInvestigation(store, sampleDiagnosis(), makeSnapshot(), meta);
    expect(record.id).toMatch(/^[2-9a-z]{8}$/);
    expect(record.snapshotDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(store.get(record.id)?.category).toBe('oom-killed');
    expect(store.get(record.id.slice(0, 5))?.id).toBe(record.id);
    expect(store.get('zzzzzzzz')).toBeUndefined();
    store.close();
  });

  it('gives the same digest for the same snapshot whatever its key order', () => {
    const store = openHistoryStore(':memory:');
    const snapshot = makeSnapshot();
    const reordered = JSON.parse(JSON.stringify(snapshot, Object.keys(snapshot).reverse()));
    const a = recordInvestigation(store, sampleDiagnosis(), snapshot, meta);
    const b = recordInvestigation(store, sampleDiagnosis(), { ...reordered, ...snapshot }, meta);
    expect(a.snapshotDigest).toBe(b.snapshotDigest);
    expect(a.id).not.toBe(b.id);
  });

  it('never stores a secret quoted in the evidence', () => {
    const file = join(dir, 'h.db');
    const store = openHistoryStore(file);
    const diagnosis = sampleDiagnosis({
      findings: [sampleFinding({ evidence: [{ source: 'log', text: 'connecting to postgres://app:hunter2secret@db:5432 with API_TOKEN=abc123xyz' }] })],
      summary: 'password=hunter2secret was rejected',
    });
    recordInvestigation(store, diagnosis, makeSnapshot(), meta);
    store.close();
    const raw = new Database(file).prepare('SELECT * FROM investigations').all();
    expect(JSON.stringify(raw)).not.toMatch(/hunter2secret|abc123xyz/);
    expect(JSON.stringify(raw)).toContain('postgres://app:***@db');
  });

  it('stores feedback and rejects unknown ids with a hint', () => {
    const store = openHistoryStore(':memory:');
    const record = recordInvestigation(store, sampleDiagnosis(), makeSnapshot(), meta);
    const rated = store.rate(record.id, { rating: 2, note: 'it was the JVM heap flag', correctCategory: 'config-error' }, '2026-11-21T00:00:00Z');
    expect(rated).toMatchObject({ rating: 2, note: 'it was the JVM heap flag', correctCategory: 'config-error' });
    expect(() => store.rate('nope1234', { rating: 5 }, 'x')).toThrow(/history list/);
  });

  it('migrates a version-1 database forward without losing rows', () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(MIGRATIONS[0] ?? '');
    old.pragma('user_version = 1');
    old.prepare(`INSERT INTO investigations VALUES ('abcdefgh','2026-01-01T00:00:00Z','Pod','ns','p','d','failing','app-crash',0.8,'rules',NULL,NULL,'[]','', ?)`)
      .run(JSON.stringify(sampleDiagnosis({ category: 'app-crash' })));
    old.close();
    const store = openHistoryStore(file);
    expect(store.get('abcdefgh')).toMatchObject({ category: 'app-crash', rating: null });
    store.close();
    expect(new Database(file).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('refuses a database from a newer k8sdiag instead of corrupting it', () => {
    const file = join(dir, 'new.db');
    const future = new Database(file);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    expect(() => openHistoryStore(file)).toThrow(/newer than this k8sdiag/);
  });

  it('loses nothing when two processes write at the same time', async () => {
    const file = join(dir, 'shared.db');
    const writer = join(import.meta.dirname, '../../test/helpers/history-writer.ts');
    const viteNode = join(import.meta.dirname, '../../node_modules/vite-node/vite-node.mjs');
    await Promise.all(['a', 'b'].map((tag) => run(process.execPath, [viteNode, writer, file, '200', tag], { timeout: 60_000 })));
    const store = openHistoryStore(file);
    const records = store.list();
    expect(records).toHaveLength(400);
    expect(new Set(records.map((r) => r.id)).size).toBe(400);
    expect(records.filter((r) => r.diagnosis.summary.startsWith('a #'))).toHaveLength(200);
    store.close();
  }, 90_000);
});

describe('similar investigations', () => {
  it('offers only well-rated past cases whose findings resemble the new ones', async () => {
    const store = openHistoryStore(':memory:');
    const oom = recordInvestigation(store, sampleDiagnosis(), makeSnapshot(), meta);
    const oomBad = recordInvestigation(store, sampleDiagnosis(), makeSnapshot(), meta);
    const pull = recordInvestigation(store, sampleDiagnosis({
      category: 'image-not-found',
      findings: [sampleFinding({ category: 'image-not-found', title: 'Image tag does not exist', evidence: [{ source: 'event', text: 'Failed to pull image "shop/web:v9": manifest unknown' }], detectors: ['image-pull'] })],
    }), makeSnapshot(), meta);
    store.rate(oom.id, { rating: 5, note: 'raised limit' }, meta.createdAt);
    store.rate(oomBad.id, { rating: 2 }, meta.createdAt);
    store.rate(pull.id, { rating: 4 }, meta.createdAt);

    const similar = await similarInvestigations(store, [sampleFinding({ container: 'worker' })], 3);
    expect(similar.map((s) => s.record.id)).toEqual([oom.id]);
    expect(seenBeforeLine(similar)).toMatch(new RegExp(`^seen before: ${oom.id} \\(2026-11-20, oom-killed, rated 5/5: raised limit\\)`));
  });

  it('uses an injected embedding function when given one', async () => {
    const store = openHistoryStore(':memory:');
    const a = recordInvestigation(store, sampleDiagnosis(), makeSnapshot(), meta);
    store.rate(a.id, { rating: 4 }, meta.createdAt);
    const calls: string[][] = [];
    const similar = await similarInvestigations(store, [sampleFinding()], 1, {
      embed: (texts) => {
        calls.push([...texts]);
        return texts.map(() => Float32Array.from([1, 0]));
      },
    });
    expect(calls).toHaveLength(1);
    expect(similar[0]?.similarity).toBeCloseTo(1);
  });
});

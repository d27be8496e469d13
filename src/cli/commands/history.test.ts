import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/helpers/builders.js';
import { captureIo, globalsFor } from '../../../test/helpers/capture-io.js';
import { sampleDiagnosis } from '../../../test/helpers/sample-diagnosis.js';
import { openHistoryStore } from '../../history/history-store.js';
import { recordInvestigation } from '../../history/record-investigation.js';
import { exitCodeForError } from '../handle-error.js';
import { run as feedback } from './feedback.js';
import { run as history } from './history.js';

let home: string;
let ids: string[];
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'k8sdiag-cli-history-'));
  const store = openHistoryStore(join(home, 'history.db'));
  ids = [
    recordInvestigation(store, sampleDiagnosis(), makeSnapshot(), { technique: 'rules', createdAt: '2026-11-20T10:00:00Z' }).id,
    recordInvestigation(store, sampleDiagnosis({ category: 'app-crash' }), makeSnapshot(), { technique: 'rag', createdAt: '2026-11-21T10:00:00Z' }).id,
  ];
  store.close();
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const env = (): NodeJS.ProcessEnv => ({ K8SDIAG_HOME: home });

describe('k8sdiag feedback', () => {
  it('records a rating, a note and a corrected category that history then shows', async () => {
    const io = captureIo(env());
    expect(await feedback({ id: ids[0] ?? '', rating: '4', note: 'limit was 128Mi', correctCategory: 'oom-killed' }, globalsFor(), io)).toBe(0);
    expect(io.stdout()).toContain(`recorded rating 4/5 for ${ids[0]}`);
    const shown = captureIo(env());
    await history({ action: 'show', id: ids[0] ?? '' }, globalsFor(), shown);
    expect(shown.stdout()).toMatch(/rating:\s+4\/5/);
    expect(shown.stdout()).toContain('limit was 128Mi');
  });

  it.each([
    [{ rating: '6' }, /--rating must be a whole number from 1 to 5 \(got "6"\)/],
    [{ rating: 'great' }, /--rating must be/],
    [{ rating: '3', correctCategory: 'oom' }, /--correct-category "oom" is not a category; use one of: healthy, oom-killed/],
    [{ rating: '3', id: 'qqqqqqqq' }, /no investigation with id "qqqqqqqq"/],
  ])('rejects bad input %o with one line and exit 2', async (args, message) => {
    const error = await feedback({ id: ids[0] ?? '', ...args }, globalsFor(), captureIo(env())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect(exitCodeForError(error)).toBe(2);
  });
});

describe('k8sdiag history', () => {
  it('lists newest first with id, target, category and rating', async () => {
    const io = captureIo(env());
    await history({ action: 'list' }, globalsFor(), io);
    const lines = io.stdout().trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+WHEN\s+TARGET\s+CATEGORY\s+TECHNIQUE\s+RATING$/);
    expect(lines[1]).toContain(ids[1]);
    expect(lines[1]).toContain('app-crash');
    expect(lines[2]).toMatch(new RegExp(`${ids[0]}.*shop/pod/web-7d9f8c-x2kq\\s+oom-killed\\s+rules\\s+-`));
  });

  it('exports every record as JSON, optionally only well-rated ones', async () => {
    await feedback({ id: ids[1] ?? '', rating: '5' }, globalsFor(), captureIo(env()));
    const all = captureIo(env());
    await history({ action: 'export' }, globalsFor(), all);
    expect(JSON.parse(all.stdout())).toHaveLength(2);
    const good = captureIo(env());
    await history({ action: 'export', minRating: '4' }, globalsFor(), good);
    const records = JSON.parse(good.stdout()) as { id: string; rating: number; diagnosis: { kind: string } }[];
    expect(records.map((r) => r.id)).toEqual([ids[1]]);
    expect(records[0]?.diagnosis.kind).toBe('Diagnosis');
  });

  it('says where it looked when there is nothing yet', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'k8sdiag-empty-'));
    const io = captureIo({ K8SDIAG_HOME: empty });
    await history({ action: 'list' }, globalsFor(), io);
    expect(io.stdout()).toContain(`no investigations recorded yet (${join(empty, 'history.db')})`);
    rmSync(empty, { recursive: true, force: true });
  });
});

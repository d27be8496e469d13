import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePod, makeSnapshot } from '../../test/helpers/builders.js';
import { InputError, UsageError } from '../domain/errors.js';
import { parseSnapshot, readSnapshot } from './read-snapshot.js';
import { writeSnapshot } from './write-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-snapshot-'));

describe('reading a snapshot file', () => {
  it('names the file and the path of the bad field in one line', () => {
    const snapshot = makeSnapshot({ objects: [makePod()] });
    const broken = JSON.parse(JSON.stringify(snapshot)) as { objects: { metadata: { name?: unknown } }[] };
    delete broken.objects[0]!.metadata.name;
    const error = (() => {
      try {
        parseSnapshot(JSON.stringify(broken), 'bad.json');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^bad\.json: objects\[0\]\.metadata\.name: /);
    expect((error as Error).message).not.toContain('\n');
  });

  it('names a wrongly typed field inside a pod object, not just a missing name', () => {
    const snapshot = JSON.parse(JSON.stringify(makeSnapshot({ objects: [makePod()] }))) as { objects: { status: { containerStatuses: { restartCount: unknown }[] } }[] };
    snapshot.objects[0]!.status.containerStatuses[0]!.restartCount = 'five';
    expect(() => parseSnapshot(JSON.stringify(snapshot), 'pod.json')).toThrow(/^pod\.json: objects\[0\]\.status\.containerStatuses\[0\]\.restartCount: /);
  });

  it('rejects a document of another kind', () => {
    const other = { ...makeSnapshot({ objects: [makePod()] }), kind: 'Diagnosis' };
    expect(() => parseSnapshot(JSON.stringify(other), 'x.json')).toThrow(/x\.json: kind: /);
  });

  it('tells a user who passed a diagnosis or scan result (--output json) that it is not a snapshot', () => {
    for (const kind of ['Diagnosis', 'ScanResult']) {
      expect(() => parseSnapshot(JSON.stringify({ apiVersion: 'k8sdiag/v1', kind, findings: [] }), 'out.json'))
        .toThrow(new RegExp(`out\\.json: kind: this is a ${kind} \\(k8sdiag output\\), not a Snapshot; write one with \`k8sdiag snapshot`));
    }
  });

  it('says when the file is not JSON or does not exist', async () => {
    expect(() => parseSnapshot('{ nope', 'junk.json')).toThrow(/junk\.json: not valid JSON/);
    await expect(readSnapshot(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read snapshot \(no such file\)/);
  });

  it('accepts scheduler events with null counts and timestamps', () => {
    const snapshot = makeSnapshot({ objects: [makePod()] });
    const withEvent = {
      ...snapshot,
      events: [
        {
          involvedObject: { kind: 'Pod', name: 'web', namespace: 'shop' },
          reason: 'FailedScheduling',
          message: '0/3 nodes are available: 3 Insufficient cpu.',
          type: 'Warning',
          count: null,
          firstTimestamp: null,
          lastTimestamp: null,
          eventTime: '2026-11-20T09:58:00.123456Z',
          series: { count: 4, lastObservedTime: '2026-11-20T09:59:30.000000Z' },
          reportingComponent: 'default-scheduler',
        },
      ],
    };
    expect(parseSnapshot(JSON.stringify(withEvent), 's.json').events).toHaveLength(1);
  });
});

describe('writing a snapshot file', () => {
  it('round-trips and never overwrites an existing file without force', async () => {
    const file = join(dir, 'snap.json');
    const snapshot = parseSnapshot(JSON.stringify(makeSnapshot({ objects: [makePod()] })), 'in.json');
    await writeSnapshot(file, snapshot);
    expect(await readSnapshot(file)).toEqual(snapshot);

    writeFileSync(file, 'precious');
    await expect(writeSnapshot(file, snapshot)).rejects.toBeInstanceOf(UsageError);
    expect(readFileSync(file, 'utf8')).toBe('precious');

    await writeSnapshot(file, snapshot, { force: true });
    expect(await readSnapshot(file)).toEqual(snapshot);
  });
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as runDeploy } from '../../src/cli/commands/deploy.js';
import { run as runDiagnose } from '../../src/cli/commands/diagnose.js';
import { run as runPod } from '../../src/cli/commands/pod.js';
import { run as runSnapshot } from '../../src/cli/commands/snapshot.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { shopCluster } from './cluster-objects.js';
import { startShopServer } from './shop-server.js';

let server: FakeApiServer;
let dir: string;
const cluster = shopCluster();

beforeEach(async () => {
  server = await startShopServer(cluster);
  dir = await mkdtemp(join(tmpdir(), 'k8sdiag-snap-'));
});
afterEach(async () => server.stop());

/** Diagnosis JSON without the collection time, which differs between two live collections. */
function comparable(text: string): unknown {
  const diagnosis = JSON.parse(text) as Record<string, unknown>;
  delete diagnosis.snapshot;
  return diagnosis;
}

describe('snapshot round trip', () => {
  it('collect → file → diagnose --from gives the same diagnosis as the live command', async () => {
    const globals = globalsFor({ output: 'json', kubeconfig: server.kubeconfigPath });
    const file = join(dir, 'web.json');
    const snapIo = captureIo({}, dir);
    expect(await runSnapshot({ type: 'pod', target: `shop/${cluster.crashing}`, output: 'web.json' }, globals, snapIo)).toBe(0);
    expect(snapIo.stderr()).toMatch(/^wrote web\.json: \d+ objects, \d+ events, 1 logs\n$/);

    const live = captureIo();
    const liveCode = await runPod({ target: cluster.crashing, namespace: 'shop' }, globals, live);
    const replay = captureIo();
    const replayCode = await runDiagnose({ from: file }, globals, replay);
    expect(replayCode).toBe(liveCode);
    expect(comparable(replay.stdout())).toEqual(comparable(live.stdout()));
    expect((JSON.parse(replay.stdout()) as { target: unknown }).target).toEqual({ kind: 'Pod', namespace: 'shop', name: cluster.crashing });
  });

  it('round-trips a Deployment snapshot too', async () => {
    const globals = globalsFor({ output: 'json', kubeconfig: server.kubeconfigPath });
    await runSnapshot({ type: 'deploy', target: 'shop/web', output: 'deploy.json' }, globals, captureIo({}, dir));
    const live = captureIo();
    await runDeploy({ target: 'shop/web' }, globals, live);
    const replay = captureIo();
    await runDiagnose({ from: join(dir, 'deploy.json') }, globals, replay);
    expect(comparable(replay.stdout())).toEqual(comparable(live.stdout()));
  });

  it('refuses to overwrite an existing file without --force, and leaves it untouched', async () => {
    const file = join(dir, 'keep.json');
    await writeFile(file, 'precious');
    const attempt = runSnapshot({ type: 'pod', target: `shop/${cluster.crashing}`, output: 'keep.json' }, globalsFor({ kubeconfig: server.kubeconfigPath }), captureIo({}, dir));
    await expect(attempt).rejects.toThrow('keep.json already exists; pass --force to overwrite it');
    expect(await readFile(file, 'utf8')).toBe('precious');
    // Refused before touching the cluster.
    expect(server.requests).toEqual([]);

    await runSnapshot({ type: 'pod', target: `shop/${cluster.crashing}`, output: 'keep.json', force: true }, globalsFor({ kubeconfig: server.kubeconfigPath }), captureIo({}, dir));
    expect((JSON.parse(await readFile(file, 'utf8')) as { kind: string }).kind).toBe('Snapshot');
  });

  it('never writes Secret values to the file', async () => {
    await runSnapshot({ type: 'deploy', target: 'shop/web', output: 's.json' }, globalsFor({ kubeconfig: server.kubeconfigPath }), captureIo({}, dir));
    const text = await readFile(join(dir, 's.json'), 'utf8');
    expect(text).toContain('"web-db"');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(Buffer.from('hunter2-super-secret').toString('base64'));
  });
});

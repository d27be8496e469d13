import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run as runPod } from '../../src/cli/commands/pod.js';
import { exitCodeForError, formatError } from '../../src/cli/handle-error.js';
import { collectSnapshot } from '../../src/collect/collect-snapshot.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { FakeApiServer, kubeconfigFor } from '../helpers/fake-apiserver.js';
import { shopCluster } from './cluster-objects.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShopServer } from './shop-server.js';

let server: FakeApiServer;
const cluster = shopCluster();

beforeEach(async () => {
  server = await startShopServer(cluster);
});
afterEach(async () => server.stop());

/** Runs a command the way main.ts does: thrown errors become one line on stderr and an exit code. */
async function cli(command: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  try {
    return { code: await command(), stderr: '' };
  } catch (error) {
    return { code: exitCodeForError(error), stderr: formatError(error, false) };
  }
}

describe('partial RBAC and failing reads', () => {
  it('still diagnoses when pods/log and events are forbidden, and lists what could not be read', async () => {
    server.faults.forbidden.add('pods/log').add('events');
    const io = captureIo();
    const code = await runPod({ target: `shop/${cluster.crashing}` }, globalsFor({ output: 'json', kubeconfig: server.kubeconfigPath }), io);
    expect([0, 1]).toContain(code);
    const diagnosis = JSON.parse(io.stdout()) as { kind: string; target: { name: string }; collectionErrors: { what: string; reason: string }[] };
    expect(diagnosis.kind).toBe('Diagnosis');
    expect(diagnosis.target.name).toBe(cluster.crashing);
    expect(diagnosis.collectionErrors).toEqual(expect.arrayContaining([
      { what: `logs ${cluster.crashing}/app (previous)`, reason: 'Forbidden: pods/log' },
      { what: `events for pod shop/${cluster.crashing}`, reason: 'Forbidden: events' },
      { what: 'events for deployment shop/web', reason: 'Forbidden: events' },
    ]));
  });

  it('records a 500 and a slow endpoint and goes on collecting the rest', async () => {
    server.faults.serverError.add('services');
    server.faults.delayMs.set('resourcequotas', 3000);
    const snapshot = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: cluster.crashing }, { kubeconfig: server.kubeconfigPath, timeoutMs: 700 });
    const errors = snapshot.collectionErrors ?? [];
    expect(errors.find((e) => e.what === 'services in shop')?.reason).toMatch(/^InternalError \(500\): .*etcdserver/);
    expect(errors.find((e) => e.what === 'resourcequotas in shop')?.reason).toMatch(/^Timeout/);
    expect(snapshot.logs).toHaveLength(1);
    expect(snapshot.objects.some((o) => o.kind === 'LimitRange')).toBe(true);
  });

  it('records a missing referenced ConfigMap as NotFound', async () => {
    server.objects.splice(server.objects.findIndex((o) => o.kind === 'ConfigMap'), 1);
    const snapshot = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: cluster.crashing }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    expect(snapshot.collectionErrors).toContainEqual({ what: 'config map shop/web-config', reason: 'NotFound: configmaps "web-config"' });
  });
});

describe('nothing to diagnose', () => {
  it('exits 3 with one clear line when the pod does not exist', async () => {
    const result = await cli(() => runPod({ target: 'shop/web-nope-12345' }, globalsFor({ kubeconfig: server.kubeconfigPath }), captureIo()));
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('k8sdiag: pod "web-nope-12345" not found in namespace "shop"\n');
  });

  it('exits 3 with one line naming the server when the API server is down', async () => {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'k8sdiag-down-'));
    const kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, kubeconfigFor(`http://127.0.0.1:${port}`));
    const result = await cli(() => runPod({ target: `shop/${cluster.crashing}` }, globalsFor({ kubeconfig, timeoutMs: 2000 }), captureIo()));
    expect(result.code).toBe(3);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`cannot reach the Kubernetes API at http://127.0.0.1:${port}`);
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it('exits 3 when the target itself is forbidden, pointing at the read-only role', async () => {
    server.faults.forbidden.add('pods');
    const result = await cli(() => runPod({ target: `shop/${cluster.crashing}` }, globalsFor({ kubeconfig: server.kubeconfigPath }), captureIo()));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^k8sdiag: Forbidden: cannot get pod shop\/web-7d9f8c6b5-x2kq7; .*clusterrole\.yaml\n$/);
  });

  it('exits 2 for a malformed target', async () => {
    const result = await cli(() => runPod({ target: 'a/b/c' }, globalsFor({ kubeconfig: server.kubeconfigPath }), captureIo()));
    expect(result.code).toBe(2);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

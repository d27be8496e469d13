import { writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeForError } from '../../src/cli/handle-error.js';
import { createKubeClient } from '../../src/collect/kube-client.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';

let server: FakeApiServer;
beforeEach(async () => { server = await new FakeApiServer().start(); });
afterEach(async () => server.stop());

const config = (parts: { clusters?: [string, string][]; users?: [string, string][]; contexts?: [string, string, string, string][]; current?: string }) => JSON.stringify({
  apiVersion: 'v1', kind: 'Config',
  clusters: (parts.clusters ?? []).map(([name, url]) => ({ name, cluster: { server: url } })),
  users: (parts.users ?? []).map(([name, token]) => ({ name, user: { token } })),
  contexts: (parts.contexts ?? []).map(([name, cluster, user, namespace]) => ({ name, context: { cluster, user, namespace } })),
  ...(parts.current ? { 'current-context': parts.current } : {}),
});

async function file(name: string, text: string): Promise<string> {
  const path = join(server.tempDir, name);
  await writeFile(path, text);
  return path;
}

describe('KUBECONFIG with several files, as kubectl merges them', () => {
  it('the first file to set current-context, a cluster or a user wins; duplicates are not an error', async () => {
    const first = await file('a', config({ clusters: [['prod', server.url]], users: [['me', 'fake-token-for-tests']], contexts: [['prod', 'prod', 'me', 'shop']], current: 'prod' }));
    // Same names again, pointing elsewhere, plus a different current-context: all shadowed by the first file.
    const second = await file('b', config({ clusters: [['prod', 'http://127.0.0.1:1']], users: [['me', 'wrong']], contexts: [['prod', 'prod', 'me', 'other'], ['dev', 'prod', 'me', 'dev']], current: 'dev' }));
    const client = await createKubeClient({ envKubeconfig: [first, second].join(delimiter), timeoutMs: 3000 });
    expect(client.context).toBe('prod');
    expect(client.defaultNamespace).toBe('shop');
    await expect(client.getJson('/version')).resolves.toMatchObject({ gitVersion: 'v1.30.2' });
  });

  it('current-context comes from the first file that sets one, and entries that do not exist are skipped', async () => {
    const clusters = await file('clusters', config({ clusters: [['prod', server.url]], users: [['me', 'fake-token-for-tests']] }));
    const contexts = await file('contexts', config({ contexts: [['dev', 'prod', 'me', 'dev']], current: 'dev' }));
    const client = await createKubeClient({ envKubeconfig: [join(server.tempDir, 'missing'), clusters, contexts].join(delimiter), timeoutMs: 3000 });
    expect(client.context).toBe('dev');
    expect(client.defaultNamespace).toBe('dev');
    await expect(client.getJson('/version')).resolves.toMatchObject({ gitVersion: 'v1.30.2' });
  });

  it('when no KUBECONFIG entry exists, one line says which (exit 3)', async () => {
    const error = await createKubeClient({ envKubeconfig: ['/nope/a', '/nope/b'].join(delimiter), timeoutMs: 3000 }).then(() => new Error('did not fail'), (e: unknown) => e as Error);
    expect(exitCodeForError(error)).toBe(3);
    expect(error.message).toBe(`none of the KUBECONFIG files exist (/nope/a, /nope/b); pass --kubeconfig <file>`);
  });

  it('KUBECONFIG and HOME come from the environment handed over, ~/.kube/config last', async () => {
    const home = server.tempDir;
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(home, '.kube'));
    await writeFile(join(home, '.kube', 'config'), config({ clusters: [['home', server.url]], users: [['me', 'fake-token-for-tests']], contexts: [['home', 'home', 'me', 'from-home']], current: 'home' }));
    const client = await createKubeClient({ env: { HOME: home }, timeoutMs: 3000 });
    expect(client.defaultNamespace).toBe('from-home');
    const error = await createKubeClient({ env: { HOME: join(home, 'empty') }, timeoutMs: 3000 }).then(() => new Error('did not fail'), (e: unknown) => e as Error);
    expect(error.message).toMatch(/^no kubeconfig found .* and not running in a cluster/);
  });
});

describe('plain-HTTP API servers', () => {
  it('kubectl proxy style http:// servers work without insecure-skip-tls-verify', async () => {
    const path = await file('proxy', config({ clusters: [['local', server.url]], users: [['me', 'fake-token-for-tests']], contexts: [['local', 'local', 'me', 'default']], current: 'local' }));
    const client = await createKubeClient({ kubeconfig: path, timeoutMs: 3000 });
    await expect(client.getJson('/version')).resolves.toMatchObject({ gitVersion: 'v1.30.2' });
  });
});

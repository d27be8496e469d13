import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeForError } from '../../src/cli/handle-error.js';
import { collectSnapshot } from '../../src/collect/collect-snapshot.js';
import { createKubeClient, type KubeClientOptions } from '../../src/collect/kube-client.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { kubeconfigYaml, makeTestPki, opensslAvailable, removePki, type TestPki } from '../helpers/fake-apiserver-tls.js';
import { shopCluster } from './cluster-objects.js';

const haveOpenssl = opensslAvailable();
const b64 = (text: string) => Buffer.from(text).toString('base64');
const cluster = shopCluster();
let pki: TestPki | undefined;
let server: FakeApiServer | undefined;
let proxy: Server | undefined;
const tunnelSockets = new Set<{ destroy(): void }>();

beforeAll(() => { if (haveOpenssl) pki = makeTestPki(); });
afterAll(() => removePki(pki));
afterEach(async () => {
  await server?.stop();
  server = undefined;
  const open = proxy;
  proxy = undefined;
  for (const socket of tunnelSockets) socket.destroy();
  await new Promise<void>((resolve) => (open ? open.close(() => resolve()) : resolve()));
});

async function https(cert: 'server' | 'named' = 'server'): Promise<FakeApiServer> {
  const keys = (pki as TestPki)[cert];
  server = await new FakeApiServer().add(...cluster.objects).start({ ...keys, clientCa: (pki as TestPki).ca });
  return server;
}

async function kubeconfig(text: string, name = 'kubeconfig'): Promise<string> {
  const path = join((server as FakeApiServer).tempDir, name);
  await writeFile(path, text);
  return path;
}

/** Lists pods in shop through the real client: the request that proves TLS and auth both worked. */
async function podNames(options: Omit<KubeClientOptions, 'timeoutMs'>): Promise<string[]> {
  const client = await createKubeClient({ timeoutMs: 5000, ...options });
  const list = (await client.getJson('/api/v1/namespaces/shop/pods')) as { items: { metadata: { name: string } }[] };
  return list.items.map((item) => item.metadata.name);
}

describe.runIf(haveOpenssl)('TLS and credentials as real kubeconfigs give them (HTTPS fake API server, throwaway CA)', () => {
  it('certificate-authority-data plus client-certificate-data/client-key-data, no token', async () => {
    const s = await https();
    const file = await kubeconfig(kubeconfigYaml(s.url, { 'certificate-authority-data': b64(pki!.ca) },
      { 'client-certificate-data': b64(pki!.client.cert), 'client-key-data': b64(pki!.client.key) }));
    expect(await podNames({ kubeconfig: file })).toContain(cluster.crashing);
    expect(s.requestHeaders.at(-1)?.authorization).toBeUndefined();
  });

  it('certificate-authority, client-certificate and client-key as paths relative to the kubeconfig file', async () => {
    const s = await https();
    const file = join(pki!.dir, 'relative.kubeconfig');
    await writeFile(file, kubeconfigYaml(s.url, { 'certificate-authority': 'ca.crt' }, { 'client-certificate': 'client.crt', 'client-key': 'client.key' }));
    expect(await podNames({ kubeconfig: file })).toContain(cluster.crashing);
  });

  it('an untrusted server certificate is exit 3 with the TLS reason, not a hang or a stack', async () => {
    const s = await https();
    const file = await kubeconfig(kubeconfigYaml(s.url, {}, { token: 'fake-token-for-tests' }));
    const error = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: cluster.crashing }, { kubeconfig: file, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(exitCodeForError(error)).toBe(3);
    expect((error as Error).message).toMatch(/cannot reach the Kubernetes API at https:\/\/127\.0\.0\.1:\d+: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT)/);
  });

  it('insecure-skip-tls-verify with a bearer token', async () => {
    const s = await https();
    const file = await kubeconfig(kubeconfigYaml(s.url, { 'insecure-skip-tls-verify': true }, { token: 'fake-token-for-tests' }));
    expect(await podNames({ kubeconfig: file })).toContain(cluster.crashing);
  });

  it('tls-server-name checks the certificate against that name when the address differs', async () => {
    const s = await https('named');
    const user = { 'client-certificate-data': b64(pki!.client.cert), 'client-key-data': b64(pki!.client.key) };
    const without = await kubeconfig(kubeconfigYaml(s.url, { 'certificate-authority-data': b64(pki!.ca) }, user), 'without');
    await expect(podNames({ kubeconfig: without })).rejects.toThrow(/ERR_TLS_CERT_ALTNAME_INVALID/);
    const withName = await kubeconfig(kubeconfigYaml(s.url, { 'certificate-authority-data': b64(pki!.ca), 'tls-server-name': 'kubernetes.default.svc' }, user), 'with');
    expect(await podNames({ kubeconfig: withName })).toContain(cluster.crashing);
  });

  it('tokenFile (kubectl spelling), trailing newline and all', async () => {
    const s = await https();
    s.tokens.add('from-a-file');
    const tokenPath = join(s.tempDir, 'token');
    await writeFile(tokenPath, 'from-a-file\n');
    const file = await kubeconfig(kubeconfigYaml(s.url, { 'certificate-authority-data': b64(pki!.ca) }, { tokenFile: 'token' }));
    expect(await podNames({ kubeconfig: file })).toContain(cluster.crashing);
    expect(s.requestHeaders.at(-1)?.authorization).toBe('Bearer from-a-file');
  });

  it('basic auth username/password', async () => {
    const s = await https();
    s.basicAuth.add('admin:s3cret');
    const file = await kubeconfig(kubeconfigYaml(s.url, { 'certificate-authority-data': b64(pki!.ca) }, { username: 'admin', password: 's3cret' }));
    expect(await podNames({ kubeconfig: file })).toContain(cluster.crashing);
  });

  it('in a pod with no kubeconfig: the service account token, CA and namespace', async () => {
    const s = await https();
    const dir = join(s.tempDir, 'serviceaccount');
    await mkdir(dir);
    s.tokens.add('sa-token');
    await writeFile(join(dir, 'token'), 'sa-token\n');
    await writeFile(join(dir, 'ca.crt'), pki!.ca);
    await writeFile(join(dir, 'namespace'), 'shop');
    const port = new URL(s.url).port;
    const env = { HOME: join(s.tempDir, 'no-home'), KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port };
    const client = await createKubeClient({ timeoutMs: 5000, env, serviceAccountDir: dir });
    expect(client.server).toBe(`https://127.0.0.1:${port}`);
    expect(client.defaultNamespace).toBe('shop');
    const snapshot = await collectSnapshot({ kind: 'Pod', name: cluster.crashing }, { timeoutMs: 5000, env, serviceAccountDir: dir });
    expect(snapshot.target).toEqual({ kind: 'Pod', namespace: 'shop', name: cluster.crashing });
  });

  it('proxy-url: requests tunnel through the proxy to the HTTPS server', async () => {
    const s = await https();
    const tunnels: string[] = [];
    proxy = createServer();
    proxy.on('connect', (request, socket, head) => {
      tunnels.push(request.url ?? '');
      const [host, port] = (request.url ?? '').split(':');
      tunnelSockets.add(socket);
      const upstream = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      tunnelSockets.add(upstream);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const file = await kubeconfig(kubeconfigYaml(s.url, { 'certificate-authority-data': b64(pki!.ca), 'proxy-url': proxyUrl }, { token: 'fake-token-for-tests' }));
    expect(await podNames({ kubeconfig: file })).toContain(cluster.crashing);
    expect(tunnels).toContain(new URL(s.url).host);
  });
});

/** A node script that acts as an exec credential plugin; each run appends to `runs` and hands out token-<n>. */
async function writePlugin(dir: string, expiresInMs: number | undefined, hang = false): Promise<string> {
  const script = join(dir, 'plugin.mjs');
  await writeFile(script, [
    "import { appendFileSync, readFileSync } from 'node:fs';",
    hang ? 'setInterval(() => {}, 1000);' : '',
    "const runs = join => { try { return readFileSync(process.env.RUNS_FILE, 'utf8').split('\\n').filter(Boolean).length; } catch { return 0; } };",
    'const n = runs() + 1;',
    'const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO ?? "{}");',
    "appendFileSync(process.env.RUNS_FILE, `${info.kind}:${info.spec?.cluster?.server ?? ''}\\n`);",
    `const status = { token: \`token-\${n}\`${expiresInMs === undefined ? '' : `, expirationTimestamp: new Date(Date.now() + ${expiresInMs}).toISOString()`} };`,
    hang ? '' : "console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status }));",
  ].join('\n'));
  await chmod(script, 0o755);
  return script;
}

describe.runIf(haveOpenssl)('exec credential plugins (EKS, GKE style)', () => {
  async function execKubeconfig(expiresInMs: number | undefined, extra: Record<string, unknown> = {}, hang = false) {
    const s = await https();
    const runs = join(s.tempDir, 'runs');
    const script = await writePlugin(s.tempDir, expiresInMs, hang);
    const file = await kubeconfig(kubeconfigYaml(s.url, { 'certificate-authority-data': b64(pki!.ca) }, {
      exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: process.execPath, args: [script], env: [{ name: 'RUNS_FILE', value: runs }], provideClusterInfo: true, ...extra },
    }));
    const { readFile } = await import('node:fs/promises');
    return { s, file, runs: async () => (await readFile(runs, 'utf8').catch(() => '')).split('\n').filter(Boolean) };
  }

  it('applies the plugin token to our raw GETs, runs it once while it is valid, and tells it about the cluster', async () => {
    const { s, file, runs } = await execKubeconfig(15 * 60_000);
    s.tokens.add('token-1');
    const snapshot = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: cluster.crashing }, { kubeconfig: file, timeoutMs: 5000, env: { PATH: '' } });
    expect(snapshot.objects.length).toBeGreaterThan(3);
    expect(await runs()).toEqual([`ExecCredential:${s.url}`]);
    expect(s.requestHeaders.every((h) => h.authorization === 'Bearer token-1')).toBe(true);
  });

  it('runs the plugin again when its token is about to expire, and after a 401', async () => {
    const expiring = await execKubeconfig(1000);
    expiring.s.tokens.add('token-1').add('token-2');
    const client = await createKubeClient({ kubeconfig: expiring.file, timeoutMs: 5000, env: {} });
    await client.getJson('/version');
    await client.getJson('/version');
    expect(await expiring.runs()).toHaveLength(2);
    await expiring.s.stop();

    const revoked = await execKubeconfig(undefined);
    revoked.s.tokens.add('token-1');
    const second = await createKubeClient({ kubeconfig: revoked.file, timeoutMs: 5000, env: {} });
    await second.getJson('/version');
    await second.getJson('/version');
    expect(await revoked.runs()).toHaveLength(1);
    revoked.s.tokens.delete('token-1');
    revoked.s.tokens.add('token-2');
    await expect(second.getJson('/version')).resolves.toMatchObject({ gitVersion: 'v1.30.2' });
    expect(await revoked.runs()).toHaveLength(2);
  });

  it('a missing plugin says so with the kubeconfig install hint (exit 3)', async () => {
    const { file } = await execKubeconfig(undefined, { command: 'gke-gcloud-auth-plugin-not-installed', installHint: 'Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin' });
    const error = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: 'x' }, { kubeconfig: file, timeoutMs: 5000, env: { PATH: '/nonexistent' } }).catch((e: unknown) => e);
    expect(exitCodeForError(error)).toBe(3);
    expect((error as Error).message).toMatch(/exec plugin "gke-gcloud-auth-plugin-not-installed" not found on PATH\. Install gke-gcloud-auth-plugin: gcloud components install/);
  });

  it('a plugin that never answers is cut off at the timeout', async () => {
    const { file } = await execKubeconfig(undefined, {}, true);
    const started = Date.now();
    const error = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: 'x' }, { kubeconfig: file, timeoutMs: 800, env: {} }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(exitCodeForError(error)).toBe(3);
    expect((error as Error).message).toMatch(/exec plugin ".*node.*" gave no credential within 0\.8 s/);
  });
});

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopCluster } from './collect/cluster-objects.js';
import { FakeApiServer, kubeconfigFor } from './helpers/fake-apiserver.js';
import { startShopServer } from './collect/shop-server.js';

/** The built CLI, run as a user runs it (`npm test` builds first). */
const CLI = new URL('../dist/cli/main.js', import.meta.url).pathname;
const cluster = shopCluster();
let server: FakeApiServer;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it first)`);
  server = await startShopServer(cluster);
  server.setLog('shop', cluster.healthy, 'app', false, 'INFO listening on :8080\n');
  dir = await mkdtemp(join(tmpdir(), 'k8sdiag-e2e-'));
});
afterAll(async () => server.stop());

/** Spawns asynchronously: the fake apiserver lives in this process and must keep answering. */
function k8sdiag(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const kc = () => ['--kubeconfig', server.kubeconfigPath];

describe('k8sdiag CLI against a fake cluster', { timeout: 60_000 }, () => {
  it('pod: diagnoses a crash-looping pod, exits 1 for a critical finding, no progress noise on a pipe', async () => {
    const result = await k8sdiag(['pod', `shop/${cluster.crashing}`, ...kc(), '-o', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const diagnosis = JSON.parse(result.stdout) as { status: string; category: string; findings: { container?: string | null }[] };
    expect(diagnosis.status).toBe('failing');
    expect(['app-crash', 'missing-dependency']).toContain(diagnosis.category);
    expect(diagnosis.findings[0]?.container).toBe('app');
  });

  it('pod: a healthy pod (given as <name> -n <ns>, kubeconfig from KUBECONFIG) comes back healthy with exit 0', async () => {
    const result = await k8sdiag(['pod', cluster.healthy, '-n', 'shop', '-o', 'json'], { KUBECONFIG: server.kubeconfigPath });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { status: string }).status).toBe('healthy');
  });

  it('deploy: renders markdown for the Deployment whose new ReplicaSet fails', async () => {
    const result = await k8sdiag(['deploy', 'shop/web', ...kc(), '--output', 'markdown']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('shop/web');
    expect(result.stdout).toMatch(/^#/m);
  });

  it('snapshot then diagnose --from gives the same diagnosis, and the file is not overwritten without --force', async () => {
    const first = await k8sdiag(['snapshot', 'pod', `shop/${cluster.crashing}`, '-o', 'snap.json', ...kc()]);
    expect(first.code).toBe(0);
    const before = await readFile(join(dir, 'snap.json'), 'utf8');
    const again = await k8sdiag(['snapshot', 'pod', `shop/${cluster.crashing}`, '-o', 'snap.json', ...kc()]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('k8sdiag: snap.json already exists; pass --force to overwrite it\n');
    expect(await readFile(join(dir, 'snap.json'), 'utf8')).toBe(before);

    const live = await k8sdiag(['pod', `shop/${cluster.crashing}`, ...kc(), '-o', 'json']);
    const replay = await k8sdiag(['diagnose', '--from', 'snap.json', '-o', 'json']);
    expect(replay.code).toBe(live.code);
    const strip = (text: string) => ({ ...(JSON.parse(text) as object), snapshot: undefined });
    expect(strip(replay.stdout)).toEqual(strip(live.stdout));
  });

  it('scan -A --output json lists the failing Deployment once', async () => {
    const result = await k8sdiag(['scan', '-A', ...kc(), '--output', 'json']);
    expect(result.code).toBe(1);
    const scan = JSON.parse(result.stdout) as { entries: { target: { kind: string; name: string }; failingPods: string[]; fingerprint: string }[] };
    expect(scan.entries.map((e) => `${e.target.kind}/${e.target.name}`)).toEqual(['Deployment/web']);
    expect(scan.entries[0]?.failingPods).toEqual([cluster.crashing]);
    const rerun = JSON.parse((await k8sdiag(['scan', '-A', ...kc(), '--output', 'json'])).stdout) as typeof scan;
    expect(rerun.entries[0]?.fingerprint).toBe(scan.entries[0]?.fingerprint);
  });

  it('exits 3 with one line when the pod does not exist', async () => {
    const result = await k8sdiag(['pod', 'shop/nope-123', ...kc()]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('k8sdiag: pod "nope-123" not found in namespace "shop"\n');
    expect(result.stdout).toBe('');
  });

  it('exits 3 with one line when the API server is down', async () => {
    const { writeFile } = await import('node:fs/promises');
    const down = join(dir, 'down.kubeconfig');
    await writeFile(down, kubeconfigFor('http://127.0.0.1:9'));
    const result = await k8sdiag(['pod', 'shop/web', '--kubeconfig', down, '--timeout', '3']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^k8sdiag: cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:9: .+\n$/);
  });

  it('exits 2 on a bad target', async () => {
    const result = await k8sdiag(['workload', 'cronjobz/x', ...kc()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown kind "cronjobz"');
  });
});

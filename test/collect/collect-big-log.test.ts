import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collect/collect-snapshot.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { shopCluster } from './cluster-objects.js';

const FIFTY_MB = 50 * 1024 * 1024;
const LIMIT = 256 * 1024;
let server: FakeApiServer;
const cluster = shopCluster();

beforeEach(async () => {
  server = await new FakeApiServer().add(...cluster.objects).start();
});
afterEach(async () => server.stop());

function usedBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

describe('a 50 MB log', () => {
  it('stays bounded in memory and is marked truncated even when the server ignores limitBytes', async () => {
    server.setLog('shop', cluster.healthy, 'app', false, { bytes: FIFTY_MB, honourLimits: false });
    // Load the kube client first so its module size is not counted as log memory.
    await import('@kubernetes/client-node');
    globalThis.gc?.();
    const baseline = usedBytes();
    let peak = baseline;
    const sampler = setInterval(() => { peak = Math.max(peak, usedBytes()); }, 2);
    const snapshot = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: cluster.healthy },
      { kubeconfig: server.kubeconfigPath, timeoutMs: 10_000, limits: { limitBytes: LIMIT } });
    clearInterval(sampler);
    peak = Math.max(peak, usedBytes());

    const log = snapshot.logs.find((l) => l.pod === cluster.healthy);
    expect(log?.truncated).toBe(true);
    expect(Buffer.byteLength(log?.text ?? '')).toBeLessThanOrEqual(LIMIT);
    expect(Buffer.byteLength(log?.text ?? '')).toBeGreaterThan(LIMIT - 200);
    // Whole lines only: the cut never leaves half a line behind.
    expect(log?.text.endsWith('\n')).toBe(true);
    // Reading all 50 MB would cost at least that much; the bound keeps growth to a few MB.
    expect(peak - baseline).toBeLessThan(16 * 1024 * 1024);
  });

  it('asks the server for limitBytes and tailLines and marks the cut when the server applies them', async () => {
    server.setLog('shop', cluster.healthy, 'app', false, { bytes: FIFTY_MB, honourLimits: true });
    const snapshot = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: cluster.healthy },
      { kubeconfig: server.kubeconfigPath, timeoutMs: 10_000, limits: { limitBytes: LIMIT, tailLines: 500 } });
    const request = server.requests.find((r) => r.includes('/log?'));
    expect(request).toContain(`limitBytes=${LIMIT + 1}`);
    expect(request).toContain('tailLines=500');
    expect(snapshot.logs[0]?.truncated).toBe(true);
  });

  it('does not mark a log that fits as truncated', async () => {
    server.setLog('shop', cluster.healthy, 'app', false, 'a\nb\n'.repeat(10));
    const snapshot = await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: cluster.healthy },
      { kubeconfig: server.kubeconfigPath, timeoutMs: 10_000, limits: { limitBytes: 40, tailLines: 10 } });
    expect(snapshot.logs[0]).toMatchObject({ text: 'a\nb\n'.repeat(5), truncated: false });
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeForError } from '../../src/cli/handle-error.js';
import { parseKindTarget, parseNamedTarget } from '../../src/cli/parse-target.js';
import { collectSnapshot } from '../../src/collect/collect-snapshot.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { pod, shopCluster } from './cluster-objects.js';

describe('targets typed the kubectl way', () => {
  it.each([
    ['deployment.apps/web', 'Deployment'],
    ['deployments/web', 'Deployment'],
    ['deploy/web', 'Deployment'],
    ['deployments.v1.apps/web', 'Deployment'],
  ] as const)('deploy %s -n shop', (text, kind) => {
    expect(parseNamedTarget(kind, text, 'shop')).toEqual({ kind, namespace: 'shop', name: 'web' });
  });

  it('pod accepts pod/<name> and names with dots', () => {
    expect(parseNamedTarget('Pod', 'pods/web.v2-7d9f8c-x2kq', 'shop')).toEqual({ kind: 'Pod', namespace: 'shop', name: 'web.v2-7d9f8c-x2kq' });
    expect(parseNamedTarget('Pod', 'shop/web.v2-7d9f8c-x2kq')).toEqual({ kind: 'Pod', namespace: 'shop', name: 'web.v2-7d9f8c-x2kq' });
  });

  it('a kind/name of another kind names the right command', () => {
    expect(() => parseNamedTarget('Pod', 'deployment.apps/web', 'shop')).toThrow('"deployment.apps/web" is a Deployment, not a Pod: run `k8sdiag deploy web -n shop`');
    expect(() => parseNamedTarget('Deployment', 'sts/db')).toThrow('run `k8sdiag workload sts/db`');
  });

  it('workload takes group-qualified kinds, and rejects a kind in the wrong group', () => {
    expect(parseKindTarget('statefulset.apps/db', 'shop')).toEqual({ kind: 'StatefulSet', namespace: 'shop', name: 'db' });
    expect(parseKindTarget('jobs.batch/migrate-42', 'shop')).toEqual({ kind: 'Job', namespace: 'shop', name: 'migrate-42' });
    expect(() => parseKindTarget('job.apps/migrate-42')).toThrow('unknown kind "job.apps"');
  });
});

describe('a target that does not exist', () => {
  let server: FakeApiServer;
  const cluster = shopCluster();
  beforeEach(async () => {
    server = await new FakeApiServer().add(...cluster.objects, pod({ name: 'api.v2-6c5d4-qq1w2', namespace: 'shop', labels: { app: 'api' }, state: 'running' })).start();
  });
  afterEach(async () => server.stop());

  const fail = (kind: 'Pod' | 'Deployment', name: string, namespace?: string) =>
    collectSnapshot({ kind, name, ...(namespace ? { namespace } : {}) }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 }).then(() => new Error('did not fail'), (e: unknown) => e as Error);

  it('k8sdiag pod <deployment name> says a Deployment has that name and how to diagnose it (exit 3)', async () => {
    const error = await fail('Pod', 'web', 'shop');
    expect(exitCodeForError(error)).toBe(3);
    expect(error.message).toBe('pod "web" not found in namespace "shop"; a deployment named "web" exists there: run `k8sdiag deploy shop/web`');
  });

  it('k8sdiag deploy <pod name> points back at the pod command', async () => {
    const error = await fail('Deployment', cluster.crashing, 'shop');
    expect(error.message).toContain(`a pod named "${cluster.crashing}" exists there: run \`k8sdiag pod shop/${cluster.crashing}\``);
  });

  it('a pod name without its generated suffix lists the pods it could mean', async () => {
    const error = await fail('Pod', 'api.v2', 'shop');
    expect(error.message).toContain('pods with that prefix: api.v2-6c5d4-qq1w2');
  });

  it('no hint when nothing is close', async () => {
    const error = await fail('Pod', 'nothing-here', 'shop');
    expect(error.message).toBe('pod "nothing-here" not found in namespace "shop"');
  });

  it('a dotted pod name is read, and the namespace comes from the context when none is given', async () => {
    const error = await fail('Pod', 'api.v2-6c5d4-qq1w2');
    // The kubeconfig context's namespace is "default", where this pod does not live.
    expect(error.message).toMatch(/^pod "api\.v2-6c5d4-qq1w2" not found in namespace "default"/);
    const shopContext = join(server.tempDir, 'shop-context');
    await writeFile(shopContext, (await readFile(server.kubeconfigPath, 'utf8')).replace('namespace: default', 'namespace: shop'));
    const snapshot = await collectSnapshot({ kind: 'Pod', name: 'api.v2-6c5d4-qq1w2' }, { kubeconfig: shopContext, timeoutMs: 5000 });
    expect(snapshot.target).toEqual({ kind: 'Pod', namespace: 'shop', name: 'api.v2-6c5d4-qq1w2' });
  });
});

import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { run as runScan } from '../../src/cli/commands/scan.js';
import { collectSnapshot } from '../../src/collect/collect-snapshot.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { shopCluster } from './cluster-objects.js';
import { startShopServer } from './shop-server.js';

interface Rule { apiGroups?: string[]; resources?: string[]; nonResourceURLs?: string[]; verbs: string[] }

let server: FakeApiServer;
const cluster = shopCluster();
beforeEach(async () => {
  server = await startShopServer(cluster);
  server.metrics.set(`shop/${cluster.crashing}`, { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: cluster.crashing }, containers: [] });
});
afterEach(async () => server.stop());

/** What RBAC would check for a request path: API group, resource (with subresource) and verb. */
function access(request: string): { group: string; resource: string; verb: string } | { url: string } {
  const path = request.split('?')[0] as string;
  const match = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/[^/]+)?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (!match) return { url: path };
  const [, group = '', plural, name, sub] = match;
  return { group, resource: sub ? `${plural}/${sub}` : (plural as string), verb: name ? 'get' : 'list' };
}

describe('deploy/clusterrole.yaml', () => {
  it('is read-only and allows every request the collector and scan make', async () => {
    const docs = parseAllDocuments(await readFile(new URL('../../deploy/clusterrole.yaml', import.meta.url), 'utf8')).map((d) => d.toJS() as { kind: string; rules?: Rule[] });
    const role = docs.find((d) => d.kind === 'ClusterRole');
    expect(docs.map((d) => d.kind)).toEqual(['ClusterRole', 'ClusterRoleBinding']);
    const rules = role?.rules ?? [];
    expect(new Set(rules.flatMap((r) => r.verbs))).toEqual(new Set(['get', 'list']));

    await collectSnapshot({ kind: 'Pod', namespace: 'shop', name: cluster.crashing }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    await collectSnapshot({ kind: 'Deployment', namespace: 'shop', name: 'web' }, { kubeconfig: server.kubeconfigPath, timeoutMs: 5000 });
    await runScan({ allNamespaces: true }, globalsFor({ output: 'json', kubeconfig: server.kubeconfigPath }), captureIo());

    const denied = server.requests.map(access).filter((a) => !rules.some((rule) => ('url' in a
      ? rule.nonResourceURLs?.includes(a.url) && rule.verbs.includes('get')
      : rule.apiGroups?.includes(a.group) && rule.resources?.includes(a.resource) && rule.verbs.includes(a.verb))));
    expect(denied).toEqual([]);
    expect(server.requests.some((r) => r.includes('/apis/metrics.k8s.io/'))).toBe(true);
  });
});

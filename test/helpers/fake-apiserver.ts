import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchesFieldSelector, matchesLabelSelector } from './fake-selectors.js';

/**
 * A fake kube-apiserver on 127.0.0.1: real REST paths, real list/Status JSON, field and label
 * selectors honoured, so the real @kubernetes/client-node auth path and our raw reads run against it.
 * Faults are keyed by resource as RBAC names it: `pods`, `pods/log`, `events`, `replicasets`,
 * `pods.metrics.k8s.io`.
 */

type Json = Record<string, unknown> & { kind: string; apiVersion: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } };

export interface BigLog {
  /** Total bytes the log would have. */
  bytes: number;
  /** When false the server ignores tailLines/limitBytes and streams it all (a proxy in the way, an old kubelet). */
  honourLimits: boolean;
}

export interface Faults {
  forbidden: Set<string>;
  notFound: Set<string>;
  serverError: Set<string>;
  /** Milliseconds to wait before answering, by resource. */
  delayMs: Map<string, number>;
}

const TOKEN = 'fake-token-for-tests';

/** Serve HTTPS with this key pair; with `clientCa`, a client certificate it signed also authenticates. */
export interface FakeTls {
  key: string;
  cert: string;
  clientCa?: string;
}

const KINDS: Record<string, { group: string; kind: string; namespaced: boolean }> = {
  pods: { group: 'v1', kind: 'Pod', namespaced: true },
  nodes: { group: 'v1', kind: 'Node', namespaced: false },
  events: { group: 'v1', kind: 'Event', namespaced: true },
  services: { group: 'v1', kind: 'Service', namespaced: true },
  endpoints: { group: 'v1', kind: 'Endpoints', namespaced: true },
  configmaps: { group: 'v1', kind: 'ConfigMap', namespaced: true },
  secrets: { group: 'v1', kind: 'Secret', namespaced: true },
  persistentvolumeclaims: { group: 'v1', kind: 'PersistentVolumeClaim', namespaced: true },
  persistentvolumes: { group: 'v1', kind: 'PersistentVolume', namespaced: false },
  resourcequotas: { group: 'v1', kind: 'ResourceQuota', namespaced: true },
  limitranges: { group: 'v1', kind: 'LimitRange', namespaced: true },
  deployments: { group: 'apps/v1', kind: 'Deployment', namespaced: true },
  replicasets: { group: 'apps/v1', kind: 'ReplicaSet', namespaced: true },
  statefulsets: { group: 'apps/v1', kind: 'StatefulSet', namespaced: true },
  daemonsets: { group: 'apps/v1', kind: 'DaemonSet', namespaced: true },
  jobs: { group: 'batch/v1', kind: 'Job', namespaced: true },
};

export class FakeApiServer {
  readonly objects: Json[] = [];
  /** `${namespace}/${pod}/${container}/${previous}` → text or a generated big log. */
  readonly logs = new Map<string, string | BigLog>();
  /** `${namespace}/${pod}` → PodMetrics JSON; empty map + metricsServed=false answers 404 as without metrics-server. */
  readonly metrics = new Map<string, unknown>();
  metricsServed = true;
  /** When false the server answers lists unfiltered, as a minimal or proxied API server may. */
  honoursSelectors = true;
  readonly faults: Faults = { forbidden: new Set(), notFound: new Set(), serverError: new Set(), delayMs: new Map() };
  /** Every request path with its query, in order, to assert what the client asked for. */
  readonly requests: string[] = [];
  /** The headers of each request, in the same order. */
  readonly requestHeaders: IncomingHttpHeaders[] = [];
  /** Bearer tokens accepted besides the built-in one (an exec plugin's, a token file's). */
  readonly tokens = new Set<string>([TOKEN]);
  /** `user:password` pairs accepted as HTTP basic auth. */
  readonly basicAuth = new Set<string>();
  /** With a limit in the request, lists come in pages of at most this many items plus `metadata.continue`. */
  pageSize: number | undefined;
  /** Every continue token is too old (410 Expired), as after etcd compaction. */
  expireContinue = false;
  /** Answer this many requests for a resource with 429 + Retry-After before serving it. */
  readonly tooManyRequests = new Map<string, number>();
  /** Gzip JSON bodies when the client accepts it, as kube-apiserver does for large responses. */
  gzip = false;
  /** Accept connections and never answer. */
  hang = false;
  /** Serve events only through events.k8s.io/v1 (core/v1 events 404), as a restrictive proxy might. */
  eventsV1Only = false;
  private server: Server | undefined;
  private dir: string | undefined;
  url = '';
  kubeconfigPath = '';

  add(...objects: object[]): this {
    this.objects.push(...(objects as Json[]));
    return this;
  }

  setLog(namespace: string, pod: string, container: string, previous: boolean, text: string | BigLog): this {
    this.logs.set(`${namespace}/${pod}/${container}/${previous}`, text);
    return this;
  }

  async start(tls?: FakeTls): Promise<this> {
    const handler = (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response);
    this.server = tls
      ? createTlsServer({ key: tls.key, cert: tls.cert, ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}) }, handler)
      : createServer(handler);
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.dir = await mkdtemp(join(tmpdir(), 'k8sdiag-fake-'));
    this.kubeconfigPath = join(this.dir, 'kubeconfig');
    await writeFile(this.kubeconfigPath, kubeconfigFor(this.url));
    return this;
  }

  /** A directory removed with the server, for extra kubeconfigs, token files and plugins. */
  get tempDir(): string {
    return this.dir ?? tmpdir();
  }

  private authorized(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    if (header.startsWith('Bearer ') && this.tokens.has(header.slice(7))) return true;
    if (header.startsWith('Basic ') && this.basicAuth.has(Buffer.from(header.slice(6), 'base64').toString('utf8'))) return true;
    const socket = request.socket as Partial<TLSSocket>;
    // A client certificate signed by the cluster CA authenticates its CN, as kube-apiserver does.
    return socket.authorized === true && Boolean(socket.getPeerCertificate?.().subject?.CN);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push(`${url.pathname}${url.search}`);
    this.requestHeaders.push(request.headers);
    if (this.hang) return;
    if (this.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) gzipReplies(response);
    if (!this.authorized(request)) return status(response, 401, 'Unauthorized', 'Unauthorized');
    if (url.pathname === '/version') {
      return json(response, 200, { major: '1', minor: '30', gitVersion: 'v1.30.2', platform: 'linux/amd64' });
    }
    const route = parseRoute(url.pathname);
    if (!route) return status(response, 404, 'NotFound', 'the server could not find the requested resource');
    const throttled = this.tooManyRequests.get(route.resource) ?? 0;
    if (throttled > 0) {
      this.tooManyRequests.set(route.resource, throttled - 1);
      response.setHeader('Retry-After', '1');
      return status(response, 429, 'TooManyRequests', 'Too many requests, please try again later.', route);
    }
    if (route.resource === 'events' && this.eventsV1Only !== (route.apiGroup === 'events.k8s.io')) {
      return status(response, 404, 'NotFound', 'the server could not find the requested resource');
    }
    const delay = this.faults.delayMs.get(route.resource);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const verb = route.name ? 'get' : 'list';
    const scope = route.namespace ? ` in the namespace "${route.namespace}"` : ' at the cluster scope';
    if (this.faults.forbidden.has(route.resource)) {
      const [resource, sub] = route.resource.split('/');
      const message = `${route.plural}${route.name ? ` "${route.name}"` : ''} is forbidden: User "jane" cannot ${verb} resource "${resource}"${sub ? ` (subresource "${sub}")` : ''} in API group "${route.apiGroup}"${scope}`;
      return status(response, 403, 'Forbidden', message, route);
    }
    if (this.faults.serverError.has(route.resource)) return status(response, 500, 'InternalError', 'Internal error occurred: etcdserver: request timed out', route);
    if (this.faults.notFound.has(route.resource)) return status(response, 404, 'NotFound', `${route.plural} "${route.name ?? ''}" not found`, route);

    if (route.resource === 'pods.metrics.k8s.io') {
      const found = this.metricsServed ? this.metrics.get(`${route.namespace}/${route.name}`) : undefined;
      if (!found) return status(response, 404, 'NotFound', this.metricsServed ? `podmetrics.metrics.k8s.io "${route.name}" not found` : 'the server could not find the requested resource', route);
      return json(response, 200, found);
    }
    const info = KINDS[route.plural];
    if (!info) return status(response, 404, 'NotFound', 'the server could not find the requested resource');
    const inScope = this.objects.filter((o) => o.kind === info.kind && (!route.namespace || o.metadata.namespace === route.namespace));
    if (!route.name) {
      const v1 = route.apiGroup === 'events.k8s.io';
      const fieldSelector = v1 ? url.searchParams.get('fieldSelector')?.replace(/regarding\./g, 'involvedObject.') ?? null : url.searchParams.get('fieldSelector');
      const items = inScope
        .filter((o) => !this.honoursSelectors || (matchesFieldSelector(o, fieldSelector) && matchesLabelSelector(o.metadata.labels, url.searchParams.get('labelSelector'))))
        // List items come without kind/apiVersion, as the real API sends them.
        .map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => (v1 ? toEventsV1(rest) : rest));
      const page = this.page(items, url, route);
      if (!page) return status(response, 410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
      return json(response, 200, { kind: `${info.kind}List`, apiVersion: v1 ? 'events.k8s.io/v1' : info.group, metadata: { resourceVersion: '4242', ...(page.next ? { continue: page.next, remainingItemCount: items.length - page.end } : {}) }, items: page.items });
    }
    const object = inScope.find((o) => o.metadata.name === route.name);
    if (!object) return status(response, 404, 'NotFound', `${route.plural} "${route.name}" not found`, route);
    if (route.subresource === 'log') return this.serveLog(url, object, response);
    return json(response, 200, object);
  }

  /** One page of a list as `limit`/`continue` ask for it; undefined for an expired token. */
  private page(items: object[], url: URL, route: Route): { items: object[]; end: number; next?: string } | undefined {
    const token = url.searchParams.get('continue');
    if (token && this.expireContinue) return undefined;
    const limit = Number(url.searchParams.get('limit') ?? 0);
    const size = this.pageSize && limit > 0 ? Math.min(this.pageSize, limit) : items.length;
    const start = token ? Number(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).start) : 0;
    const end = start + size;
    const next = end < items.length ? Buffer.from(JSON.stringify({ rv: '4242', start: end, of: route.plural })).toString('base64url') : undefined;
    return { items: items.slice(start, end), end, ...(next ? { next } : {}) };
  }

  private serveLog(url: URL, pod: Json, response: ServerResponse): void {
    const container = url.searchParams.get('container') ?? '';
    const previous = url.searchParams.get('previous') === 'true';
    const log = this.logs.get(`${pod.metadata.namespace}/${pod.metadata.name}/${container}/${previous}`);
    if (log === undefined) {
      const message = previous
        ? `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`
        : `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`;
      return status(response, 400, 'BadRequest', message);
    }
    const tailLines = Number(url.searchParams.get('tailLines') ?? Number.NaN);
    const limitBytes = Number(url.searchParams.get('limitBytes') ?? Number.NaN);
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    if (typeof log !== 'string') return streamBigLog(response, log.honourLimits && limitBytes > 0 ? Math.min(limitBytes, log.bytes) : log.bytes);
    let text = log;
    if (tailLines > 0) text = text.split(/(?<=\n)/).slice(-tailLines).join('');
    let body = Buffer.from(text);
    if (limitBytes > 0) body = body.subarray(0, limitBytes);
    response.end(body);
  }
}

/** Rewrites the reply as gzip: writeHead gains Content-Encoding, and the body is compressed at end(). */
function gzipReplies(response: ServerResponse): void {
  const writeHead = response.writeHead.bind(response);
  const end = response.end.bind(response);
  let json = false;
  response.writeHead = ((code: number, headers?: Record<string, string>) => {
    json = headers?.['Content-Type'] === 'application/json';
    return writeHead(code, json ? { ...headers, 'Content-Encoding': 'gzip' } : headers);
  }) as typeof response.writeHead;
  response.end = ((body?: string | Buffer) => (json && body !== undefined ? end(gzipSync(body)) : end(body))) as typeof response.end;
}

/** A core/v1 Event as events.k8s.io/v1 serves it. */
function toEventsV1(event: Record<string, unknown>): Record<string, unknown> {
  const { involvedObject, message, count, firstTimestamp, lastTimestamp, source, ...rest } = event;
  return { ...rest, regarding: involvedObject, note: message, deprecatedCount: count, deprecatedFirstTimestamp: firstTimestamp, deprecatedLastTimestamp: lastTimestamp, deprecatedSource: source };
}

function streamBigLog(response: ServerResponse, bytes: number): void {
  const line = '2026-11-20T10:00:00.000Z INFO request served path=/api/items status=200 duration_ms=12 padding=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n';
  const chunk = Buffer.from(line.repeat(Math.ceil(65536 / line.length)));
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes && !response.destroyed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
      sent += piece.length;
      if (!response.write(piece)) return void response.once('drain', pump);
    }
    if (!response.destroyed) response.end();
  };
  response.on('close', () => { sent = bytes; });
  pump();
}

interface Route {
  apiGroup: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
  /** RBAC-style resource: `pods`, `pods/log`, `pods.metrics.k8s.io`. */
  resource: string;
}

function parseRoute(path: string): Route | undefined {
  const match = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
  if (!match) return undefined;
  const [, group, namespace, plural, name, subresource] = match;
  const apiGroup = group ?? '';
  const resource = apiGroup === 'metrics.k8s.io' ? 'pods.metrics.k8s.io' : apiGroup === 'events.k8s.io' ? 'events' : subresource ? `${plural}/${subresource}` : (plural as string);
  return {
    apiGroup, plural: plural as string, resource,
    ...(namespace ? { namespace: decodeURIComponent(namespace) } : {}),
    ...(name ? { name: decodeURIComponent(name) } : {}),
    ...(subresource ? { subresource } : {}),
  };
}

function json(response: ServerResponse, code: number, body: unknown): void {
  response.writeHead(code, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

function status(response: ServerResponse, code: number, reason: string, message: string, route?: Route): void {
  json(response, code, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code,
    ...(route ? { details: { ...(route.name ? { name: route.name } : {}), kind: route.plural } } : {}),
  });
}

export function kubeconfigFor(server: string): string {
  return [
    'apiVersion: v1', 'kind: Config',
    'clusters:', '- name: fake', '  cluster:', `    server: ${server}`, '    insecure-skip-tls-verify: true',
    'users:', '- name: jane', '  user:', `    token: ${TOKEN}`,
    'contexts:', '- name: fake-ctx', '  context:', '    cluster: fake', '    user: jane', '    namespace: default',
    'current-context: fake-ctx', '',
  ].join('\n');
}

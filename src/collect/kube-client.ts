import http from 'node:http';
import https, { type Agent, type RequestOptions } from 'node:https';
import { ClusterAccessError, firstLineOf } from '../domain/errors.js';
import { createCredentials } from './credentials.js';
import { ApiRequestError, requestBody, requestJson, type HttpTarget } from './http-get.js';
import { loadKubeconfig, type KubeconfigSource } from './kubeconfig-loader.js';

export interface KubeClientOptions extends KubeconfigSource {
  context?: string;
  /** `--timeout`: bounds each request, and (unless `totalTimeoutMs` says otherwise) the whole collection. */
  timeoutMs: number;
  totalTimeoutMs?: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * The one handle on the API server. Requests are plain GETs that return the API's own JSON,
 * so snapshots hold exactly what `kubectl get -o json` shows (no class round trip, no Date objects).
 */
export interface KubeClient {
  readonly server: string;
  readonly context: string | undefined;
  /** The context's namespace, else `default`, as kubectl does. */
  readonly defaultNamespace: string;
  getJson(path: string, query?: Query): Promise<unknown>;
  /** A text body read up to `limitBytes`; the connection is cut once the limit is passed. */
  getText(path: string, query: Query, limitBytes: number): Promise<{ text: string; truncated: boolean }>;
}

/** API Priority and Fairness answers 429 + Retry-After under load; client-go retries these too. */
const MAX_RETRIES = 4;
const MAX_RETRY_WAIT_S = 10;

/**
 * Loads kubeconfig as kubectl does (see kubeconfig-loader.ts) and lets @kubernetes/client-node apply
 * TLS and static auth to each request; exec plugins and token files are applied by credentials.ts.
 * The library is imported lazily so `--help` and offline diagnosis never load it.
 */
export async function createKubeClient(options: KubeClientOptions): Promise<KubeClient> {
  const loaded = await loadKubeconfig(options);
  const { config, where } = loaded;
  if (options.context) {
    if (!config.getContextObject(options.context)) {
      throw new ClusterAccessError(`context "${options.context}" not found in ${where}; run \`kubectl config get-contexts\``);
    }
    config.setCurrentContext(options.context);
  }
  const cluster = config.getCurrentCluster();
  if (!cluster) {
    const hint = config.getClusters().length === 0
      ? 'it defines no clusters (is it a kubeconfig file?)'
      : config.getCurrentContext()
        ? `context "${config.getCurrentContext()}" names a cluster that is not defined`
        : 'it has no current context; pass --context or run `kubectl config use-context`';
    throw new ClusterAccessError(`${where}: ${hint}`);
  }
  const server = cluster.server.replace(/\/+$/, '');
  const contextName = config.getCurrentContext() || undefined;
  const defaultNamespace = (contextName && config.getContextObject(contextName)?.namespace) || 'default';
  const credentials = createCredentials(loaded, options.env);
  const deadline = Date.now() + (options.totalTimeoutMs ?? options.timeoutMs);
  const agents = new Map<string, Agent>();

  const remaining = (): number => {
    const left = deadline - Date.now();
    if (left <= 0) throw new ApiRequestError(`collection took longer than --timeout (${Math.round((options.totalTimeoutMs ?? options.timeoutMs) / 1000)} s); not read`, 'Timeout');
    return left;
  };

  const target = async (path: string, query: Query | undefined, accept: string): Promise<HttpTarget> => {
    const url = new URL(server + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const timeoutMs = Math.min(options.timeoutMs, remaining());
    // JSON only: never a Table or protobuf, whatever the server prefers.
    const requestOptions: RequestOptions = { headers: { Accept: accept, 'Accept-Encoding': 'gzip' } };
    try {
      // Applied per request so rotating credentials (exec plugins, token files) stay fresh.
      await credentials.apply(requestOptions, timeoutMs);
    } catch (error) {
      throw new ClusterAccessError(`cannot authenticate to ${server}: ${firstLineOf(error)}`, { cause: error });
    }
    const agent = keepAlive(agents, requestOptions);
    if (agent) requestOptions.agent = agent;
    return { url, options: requestOptions, timeoutMs };
  };

  /** Bounded retries: 429 (and 5xx that say when to come back), and one fresh credential after a 401. */
  const send = async <T>(path: string, query: Query | undefined, accept: string, read: (t: HttpTarget) => Promise<T>): Promise<T> => {
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await read(await target(path, query, accept));
      } catch (error) {
        if (!(error instanceof ApiRequestError) || error.status === undefined) throw error;
        if (error.status === 401 && !renewed && credentials.invalidate()) {
          renewed = true;
          continue;
        }
        const retryable = error.status === 429 || (error.status >= 500 && error.retryAfterSeconds !== undefined);
        if (!retryable || attempt >= MAX_RETRIES) throw error;
        const waitMs = Math.min(error.retryAfterSeconds ?? 1, MAX_RETRY_WAIT_S) * 1000;
        // A wait that would outlast the deadline only delays the same failure.
        if (waitMs >= deadline - Date.now()) throw error;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  };

  return {
    server,
    context: contextName,
    defaultNamespace,
    getJson: (path, query) => send(path, query, 'application/json', requestJson),
    getText: (path, query, limitBytes) => send(path, query, 'application/json, */*', (t) => requestBody(t, limitBytes)),
  };
}

/**
 * The library builds a fresh agent per call, i.e. a new TCP+TLS handshake per request. A keep-alive
 * agent with the same TLS settings (plus an exec plugin's client certificate, which can rotate) lets
 * scan's hundreds of small reads reuse connections. Proxy agents are left alone.
 */
function keepAlive(agents: Map<string, Agent>, request: RequestOptions): Agent | undefined {
  const agent = request.agent;
  if (!agent || typeof agent === 'boolean') return undefined;
  const key = `${String(request.cert ?? '')}|${String(request.key ?? '')}`;
  const existing = agents.get(key);
  if (existing) return existing;
  let created: Agent | undefined;
  if (agent.constructor === https.Agent) {
    const tls = { ...(agent as Agent).options, ...(request.cert ? { cert: request.cert, key: request.key } : {}) };
    created = new https.Agent({ ...tls, keepAlive: true, maxSockets: 32 });
  } else if (agent.constructor === http.Agent) {
    created = new http.Agent({ ...(agent as http.Agent & { options: http.AgentOptions }).options, keepAlive: true, maxSockets: 32 }) as unknown as Agent;
  }
  if (created) agents.set(key, created);
  return created;
}

import http from 'node:http';
import https, { type Agent, type RequestOptions } from 'node:https';
import { delimiter } from 'node:path';
import { ClusterAccessError } from '../domain/errors.js';
import { requestBody, requestJson, type HttpTarget } from './http-get.js';

export interface KubeClientOptions {
  /** `--kubeconfig`; wins over `envKubeconfig`. */
  kubeconfig?: string;
  /** The KUBECONFIG variable as given to the process (colon-separated list). */
  envKubeconfig?: string;
  context?: string;
  timeoutMs: number;
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

/**
 * Loads kubeconfig the way kubectl does (flag, then KUBECONFIG, then ~/.kube/config) and lets
 * @kubernetes/client-node apply the user's auth (certs, tokens, exec plugins) to each request.
 * The library is imported lazily so `--help` and offline diagnosis never load it.
 */
export async function createKubeClient(options: KubeClientOptions): Promise<KubeClient> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  const files = options.kubeconfig
    ? [options.kubeconfig]
    : (options.envKubeconfig ?? '').split(delimiter).filter((file) => file.length > 0);
  try {
    if (files.length === 0) {
      config.loadFromDefault();
    } else {
      config.loadFromFile(files[0] as string);
      for (const file of files.slice(1)) {
        const extra = new KubeConfig();
        extra.loadFromFile(file);
        config.mergeConfig(extra);
      }
    }
  } catch (error) {
    throw new ClusterAccessError(`cannot load kubeconfig: ${firstLine(error)}. Pass --kubeconfig or set KUBECONFIG`, { cause: error });
  }
  if (options.context) {
    if (!config.getContextObject(options.context)) {
      throw new ClusterAccessError(`context "${options.context}" not found in ${files.length > 0 ? files.join(', ') : 'kubeconfig'}; run \`kubectl config get-contexts\``);
    }
    config.setCurrentContext(options.context);
  }
  const cluster = config.getCurrentCluster();
  const where = files.length > 0 ? files.join(', ') : 'kubeconfig';
  if (!cluster) {
    const hint = config.getClusters().length === 0
      ? 'it defines no clusters (is it a kubeconfig file?)'
      : 'it has no current context; pass --context or run `kubectl config use-context`';
    throw new ClusterAccessError(`${where}: ${hint}`);
  }
  if (files.length === 0 && isLibraryFallback(config)) {
    // With no kubeconfig anywhere the library quietly targets http://localhost:8080; say what is missing instead.
    throw new ClusterAccessError('no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config) and not running in a cluster; pass --kubeconfig <file>');
  }
  const server = cluster.server.replace(/\/+$/, '');
  const contextName = config.getCurrentContext() || undefined;
  const defaultNamespace = (contextName && config.getContextObject(contextName)?.namespace) || 'default';

  let sharedAgent: Agent | undefined;
  const target = async (path: string, query: Query | undefined): Promise<HttpTarget> => {
    const url = new URL(server + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const requestOptions: RequestOptions = { headers: { Accept: 'application/json' } };
    try {
      // Applied per request so rotating credentials (exec plugins, token files) stay fresh.
      await config.applyToHTTPSOptions(requestOptions);
    } catch (error) {
      throw new ClusterAccessError(`cannot authenticate to ${server}: ${firstLine(error)}`, { cause: error });
    }
    sharedAgent ??= keepAlive(requestOptions.agent);
    if (sharedAgent) requestOptions.agent = sharedAgent;
    return { url, options: requestOptions, timeoutMs: options.timeoutMs };
  };

  return {
    server,
    context: contextName,
    defaultNamespace,
    getJson: async (path, query) => requestJson(await target(path, query)),
    getText: async (path, query, limitBytes) => requestBody(await target(path, query), limitBytes),
  };
}

/**
 * The library builds a fresh agent per call, i.e. a new TCP+TLS handshake per request. One keep-alive
 * agent with the same TLS settings makes scan's hundreds of small reads reuse connections.
 * Proxy agents are left alone.
 */
function keepAlive(agent: RequestOptions['agent']): Agent | undefined {
  if (!agent || typeof agent === 'boolean') return undefined;
  if (agent.constructor === https.Agent) return new https.Agent({ ...(agent as Agent).options, keepAlive: true, maxSockets: 32 });
  if (agent.constructor === http.Agent) return new http.Agent({ ...(agent as http.Agent & { options: http.AgentOptions }).options, keepAlive: true, maxSockets: 32 }) as unknown as Agent;
  return undefined;
}

/** What loadFromDefault sets up when it finds no kubeconfig and no service account. */
function isLibraryFallback(config: { getCurrentContext(): string; getCurrentCluster(): { name: string; server: string } | null }): boolean {
  const cluster = config.getCurrentCluster();
  return config.getCurrentContext() === 'loaded-context' && cluster?.name === 'cluster' && cluster.server === 'http://localhost:8080';
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

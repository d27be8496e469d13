import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { ClusterAccessError, firstLineOf } from '../domain/errors.js';
import type { ExecConfig } from './exec-credential.js';

export interface KubeconfigSource {
  /** `--kubeconfig`; wins over everything else. */
  kubeconfig?: string;
  /** The KUBECONFIG variable (list joined by the platform delimiter); falls back to `env.KUBECONFIG`. */
  envKubeconfig?: string;
  /** The process environment as the CLI saw it: HOME, KUBERNETES_SERVICE_HOST/PORT, and the base for exec plugins. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where a pod's service account is mounted; tests point it at a temp dir. */
  serviceAccountDir?: string;
}

export interface LoadedKubeconfig {
  config: KubeConfig;
  /** For messages: the files read, or "in-cluster service account". */
  where: string;
  /** Users whose bearer token lives in a file (kubeconfig `tokenFile`, a pod's service account), re-read as it rotates. */
  tokenFiles: Map<string, string>;
  /** Users authenticated by an exec plugin; we run these ourselves (timeout, install hint, env, KUBERNETES_EXEC_INFO). */
  execs: Map<string, ExecConfig>;
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

type KubeConfigClass = new () => KubeConfig;

interface RawUserEntry { name?: string; user?: { token?: string; tokenFile?: string; 'token-file'?: string; exec?: ExecConfig } }

/** Reads one file with the library (validation, relative cert paths) and the raw YAML for what the library drops. */
function loadFile(KubeConfigCtor: KubeConfigClass, file: string) {
  const config = new KubeConfigCtor();
  config.loadFromFile(file);
  const raw = (parse(readFileSync(file, 'utf8')) ?? {}) as { users?: RawUserEntry[] };
  const dir = dirname(file);
  const tokenFiles = new Map<string, string>();
  const execs = new Map<string, ExecConfig>();
  for (const entry of Array.isArray(raw.users) ? raw.users : []) {
    if (!entry?.name || !entry.user) continue;
    // kubectl's field is `tokenFile`; the library only knows `token-file` and reads it once, untrimmed.
    const tokenFile = entry.user.tokenFile ?? entry.user['token-file'];
    if (tokenFile && !entry.user.token) tokenFiles.set(entry.name, isAbsolute(tokenFile) ? tokenFile : join(dir, tokenFile));
    const exec = entry.user.exec;
    if (exec?.command) {
      // A relative command with a path separator is relative to the kubeconfig file, as kubectl resolves it.
      const command = !isAbsolute(exec.command) && /[\\/]/.test(exec.command) ? join(dir, exec.command) : exec.command;
      execs.set(entry.name, { ...exec, command });
    }
  }
  return { config, tokenFiles, execs };
}

function kubeconfigFiles(source: KubeconfigSource): { files: string[]; fromEnvList: boolean } {
  if (source.kubeconfig) return { files: [source.kubeconfig], fromEnvList: false };
  const list = source.envKubeconfig ?? source.env?.KUBECONFIG ?? '';
  const files = list.split(delimiter).filter((file) => file.length > 0);
  if (files.length > 0) return { files, fromEnvList: true };
  const home = source.env?.HOME || source.env?.USERPROFILE;
  const fallback = home ? join(home, '.kube', 'config') : undefined;
  return { files: fallback && existsSync(fallback) ? [fallback] : [], fromEnvList: false };
}

/** A pod's own identity, as kubectl and client-go use it when no kubeconfig exists. */
function inClusterConfig(source: KubeconfigSource): { clusters: Cluster[]; users: User[]; contexts: Context[]; tokenFile: string } | undefined {
  const host = source.env?.KUBERNETES_SERVICE_HOST;
  const port = source.env?.KUBERNETES_SERVICE_PORT;
  const dir = source.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const tokenFile = join(dir, 'token');
  if (!host || !port || !existsSync(tokenFile)) return undefined;
  const namespaceFile = join(dir, 'namespace');
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : undefined;
  const caFile = join(dir, 'ca.crt');
  const cluster = { name: 'in-cluster', server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`, skipTLSVerify: false, ...(existsSync(caFile) ? { caFile } : {}) };
  return {
    clusters: [cluster],
    users: [{ name: 'in-cluster' }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', ...(namespace ? { namespace } : {}) }],
    tokenFile,
  };
}

/** kubectl merges KUBECONFIG files first-wins: the first file to name a cluster, user, context or current-context keeps it. */
function addFirst<T extends { name: string }>(into: T[], items: readonly T[]): void {
  for (const item of items) if (!into.some((existing) => existing.name === item.name)) into.push(item);
}

/**
 * Loads kubeconfig the way kubectl does: `--kubeconfig`, else every existing file in KUBECONFIG
 * (merged first-wins), else ~/.kube/config, else the pod's service account (in-cluster).
 */
export async function loadKubeconfig(source: KubeconfigSource): Promise<LoadedKubeconfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const { files: listed, fromEnvList } = kubeconfigFiles(source);
  // kubectl skips KUBECONFIG entries that do not exist; only an explicit --kubeconfig must exist.
  const files = fromEnvList ? listed.filter((file) => existsSync(file)) : listed;
  if (fromEnvList && files.length === 0) {
    throw new ClusterAccessError(`none of the KUBECONFIG files exist (${listed.join(', ')}); pass --kubeconfig <file>`);
  }
  const clusters: Cluster[] = [];
  const users: User[] = [];
  const contexts: Context[] = [];
  const tokenFiles = new Map<string, string>();
  const execs = new Map<string, ExecConfig>();
  let currentContext = '';
  let where = files.join(', ');

  if (files.length > 0) {
    for (const file of files) {
      let loaded: ReturnType<typeof loadFile>;
      try {
        loaded = loadFile(KubeConfig, file);
      } catch (error) {
        throw new ClusterAccessError(`cannot load kubeconfig ${file}: ${firstLineOf(error)}. Pass --kubeconfig or set KUBECONFIG`, { cause: error });
      }
      const userNames = new Set(users.map((user) => user.name));
      addFirst(clusters, loaded.config.getClusters());
      addFirst(users, loaded.config.getUsers());
      addFirst(contexts, loaded.config.getContexts());
      for (const [name, path] of loaded.tokenFiles) if (!userNames.has(name) && !tokenFiles.has(name)) tokenFiles.set(name, path);
      for (const [name, exec] of loaded.execs) if (!userNames.has(name) && !execs.has(name)) execs.set(name, exec);
      currentContext ||= loaded.config.getCurrentContext() ?? '';
    }
  } else if (source.env) {
    const inCluster = inClusterConfig(source);
    if (!inCluster) {
      throw new ClusterAccessError('no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config) and not running in a cluster; pass --kubeconfig <file>');
    }
    clusters.push(...inCluster.clusters);
    users.push(...inCluster.users);
    contexts.push(...inCluster.contexts);
    tokenFiles.set('in-cluster', inCluster.tokenFile);
    currentContext = 'in-cluster';
    where = 'in-cluster service account';
  } else {
    // No environment handed over (library use): let client-node look in its usual places.
    const config = new KubeConfig();
    config.loadFromDefault();
    if (isLibraryFallback(config)) {
      throw new ClusterAccessError('no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config) and not running in a cluster; pass --kubeconfig <file>');
    }
    clusters.push(...config.getClusters());
    users.push(...config.getUsers());
    contexts.push(...config.getContexts());
    currentContext = config.getCurrentContext();
    where = 'kubeconfig';
  }

  const config = new KubeConfig();
  config.loadFromOptions({
    // Plain-HTTP servers (`kubectl proxy`, a local apiserver) work in kubectl; the library refuses them
    // unless TLS verification is "skipped", which means nothing over HTTP.
    clusters: clusters.map((cluster) => (cluster.server?.startsWith('http:') ? { ...cluster, skipTLSVerify: true } : cluster)),
    // Exec users are authenticated by us (see exec-credential.ts), so the library must not spawn them too.
    users: users.map((user) => (execs.has(user.name) ? { ...user, exec: undefined } : user)),
    contexts,
    currentContext,
  });
  return { config, where: where || 'kubeconfig', tokenFiles, execs };
}

/** What loadFromDefault sets up when it finds no kubeconfig and no service account. */
function isLibraryFallback(config: KubeConfig): boolean {
  const cluster = config.getCurrentCluster();
  return config.getCurrentContext() === 'loaded-context' && cluster?.name === 'cluster' && cluster.server === 'http://localhost:8080';
}

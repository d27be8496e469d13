import { readFileSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { ExecCredentialSource, type ExecClusterInfo } from './exec-credential.js';
import type { LoadedKubeconfig } from './kubeconfig-loader.js';

/** Per-request authentication on top of what client-node applies (TLS material, static tokens, auth providers). */
export interface Credentials {
  apply(options: RequestOptions, timeoutMs: number): Promise<void>;
  /** After a 401: forget cached tokens; true when there was something that a retry could renew. */
  invalidate(): boolean;
}

/** client-go re-reads token files about once a minute; bound service account tokens rotate hourly. */
const TOKEN_FILE_TTL_MS = 60_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 100) / 10} s`)), ms); });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

function caData(cluster: { caData?: string; caFile?: string }): string | undefined {
  if (cluster.caData) return cluster.caData;
  try {
    return cluster.caFile ? readFileSync(cluster.caFile).toString('base64') : undefined;
  } catch {
    return undefined;
  }
}

export function createCredentials(loaded: LoadedKubeconfig, env: Readonly<Record<string, string | undefined>> | undefined): Credentials {
  const { config } = loaded;
  const user = config.getCurrentUser();
  const cluster = config.getCurrentCluster();
  const tokenFile = user ? loaded.tokenFiles.get(user.name) : undefined;
  const execConfig = user ? loaded.execs.get(user.name) : undefined;
  let fileToken: { value: string; readAt: number } | undefined;

  const execInfo: ExecClusterInfo = {
    server: cluster?.server ?? '',
    ...(cluster?.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
    ...(cluster?.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(cluster && caData(cluster) ? { 'certificate-authority-data': caData(cluster) as string } : {}),
    ...(cluster?.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
  };
  const exec = execConfig ? new ExecCredentialSource(execConfig, env, execInfo) : undefined;

  const readTokenFile = (path: string): string => {
    const now = Date.now();
    if (!fileToken || now - fileToken.readAt > TOKEN_FILE_TTL_MS) {
      let value: string;
      try {
        value = readFileSync(path, 'utf8').trim();
      } catch (error) {
        throw new Error(`cannot read token file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
      }
      fileToken = { value, readAt: now };
    }
    return fileToken.value;
  };

  return {
    async apply(options, timeoutMs) {
      // Auth providers (oidc, azure) may call out over the network; a stuck one must not hang the run.
      await withTimeout(config.applyToHTTPSOptions(options), timeoutMs, 'kubeconfig authentication');
      const headers = (options.headers ??= {}) as Record<string, string>;
      if (tokenFile) headers.Authorization = `Bearer ${readTokenFile(tokenFile)}`;
      if (exec) {
        const credential = await exec.get(timeoutMs);
        if (credential.token) headers.Authorization = `Bearer ${credential.token}`;
        if (credential.cert && credential.key) {
          options.cert = credential.cert;
          options.key = credential.key;
        }
      }
    },
    invalidate() {
      fileToken = undefined;
      exec?.invalidate();
      return exec !== undefined || tokenFile !== undefined;
    },
  };
}

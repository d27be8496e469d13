import { spawn } from 'node:child_process';

/** The `user.exec` block of a kubeconfig (client.authentication.k8s.io). */
export interface ExecConfig {
  command: string;
  args?: string[] | null;
  env?: { name: string; value: string }[] | null;
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

/** What the plugin handed back: a bearer token and/or a client certificate. */
export interface ExecResult {
  token?: string;
  cert?: string;
  key?: string;
}

/** The cluster as KUBERNETES_EXEC_INFO describes it to plugins that ask for it (provideClusterInfo). */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
}

/** Renew this long before the plugin's own expiry so a token never runs out mid-request. */
const EXPIRY_SKEW_MS = 30_000;
const MAX_OUTPUT = 1024 * 1024;

export interface Cached {
  result: ExecResult;
  /** Undefined: the plugin gave no expiry; keep it until the server says 401. */
  expiresAt: number | undefined;
}

/**
 * Runs an exec credential plugin (`aws eks get-token`, `gke-gcloud-auth-plugin`, `kubelogin`) as
 * kubectl does, with what client-node leaves out: a time limit, one run shared by concurrent requests,
 * a cache kept until the credential's expiry (or a 401), the kubeconfig's `env` on top of ours,
 * KUBERNETES_EXEC_INFO, and the kubeconfig's installHint when the command is missing.
 */
export class ExecCredentialSource {
  private cached: Cached | undefined;
  private running: Promise<ExecResult> | undefined;

  constructor(
    private readonly exec: ExecConfig,
    /** The environment the plugin starts from; undefined inherits ours unchanged. */
    private readonly baseEnv: Readonly<Record<string, string | undefined>> | undefined,
    private readonly cluster: ExecClusterInfo,
  ) {}

  async get(timeoutMs: number, now: () => number = Date.now): Promise<ExecResult> {
    const cached = this.cached;
    if (cached && (cached.expiresAt === undefined || cached.expiresAt - EXPIRY_SKEW_MS > now())) return cached.result;
    this.running ??= this.run(timeoutMs).finally(() => { this.running = undefined; });
    return this.running;
  }

  /** After a 401: the next request runs the plugin again. */
  invalidate(): void {
    this.cached = undefined;
  }

  private env(): NodeJS.ProcessEnv | undefined {
    const extra: Record<string, string> = Object.fromEntries((this.exec.env ?? []).map((entry) => [entry.name, entry.value]));
    extra.KUBERNETES_EXEC_INFO = JSON.stringify({
      apiVersion: this.exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      spec: { interactive: false, ...(this.exec.provideClusterInfo ? { cluster: this.cluster } : {}) },
    });
    return this.baseEnv ? { ...this.baseEnv, ...extra } : undefined;
  }

  private run(timeoutMs: number): Promise<ExecResult> {
    const name = this.exec.command;
    const hint = this.exec.installHint ? ` ${this.exec.installHint.trim().split('\n').join(' ')}` : '';
    return new Promise((resolve, reject) => {
      const child = spawn(name, this.exec.args ?? [], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      let stdout = '';
      let stderr = '';
      let failed = false;
      const fail = (message: string) => {
        if (failed) return;
        failed = true;
        clearTimeout(timer);
        reject(new Error(message));
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        fail(`exec plugin "${name}" gave no credential within ${Math.round(timeoutMs / 100) / 10} s`);
      }, timeoutMs);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => { if (stdout.length < MAX_OUTPUT) stdout += chunk; });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => { if (stderr.length < MAX_OUTPUT) stderr += chunk; });
      child.on('error', (error: NodeJS.ErrnoException) => {
        fail(error.code === 'ENOENT' ? `exec plugin "${name}" not found on PATH.${hint || ' Install it or fix users[].user.exec.command in the kubeconfig'}` : `exec plugin "${name}": ${error.message}`);
      });
      child.on('close', (code) => {
        if (failed) return;
        if (code !== 0) {
          const last = stderr.trim().split('\n').filter((line) => line.trim()).pop();
          return fail(`exec plugin "${name}" failed (exit ${code})${last ? `: ${last.trim()}` : ''}`);
        }
        try {
          const cached = parseExecCredential(stdout);
          clearTimeout(timer);
          this.cached = cached;
          resolve(cached.result);
        } catch (error) {
          fail(`exec plugin "${name}" printed ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    });
  }
}

/** An ExecCredential document: `status.token` and/or `status.clientCertificateData` + `clientKeyData`. */
export function parseExecCredential(text: string): Cached {
  let parsed: { kind?: string; status?: { token?: string; clientCertificateData?: string; clientKeyData?: string; expirationTimestamp?: string } };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error('no ExecCredential JSON on stdout');
  }
  const status = parsed?.status;
  const result: ExecResult = {
    ...(status?.token ? { token: status.token.trim() } : {}),
    ...(status?.clientCertificateData && status.clientKeyData ? { cert: status.clientCertificateData, key: status.clientKeyData } : {}),
  };
  if (!result.token && !result.cert) throw new Error('an ExecCredential without status.token or a client certificate');
  const expiry = status?.expirationTimestamp ? Date.parse(status.expirationTimestamp) : Number.NaN;
  return { result, expiresAt: Number.isNaN(expiry) ? undefined : expiry };
}

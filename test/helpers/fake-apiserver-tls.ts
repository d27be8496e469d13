import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PKI made at test time: a CA, server certificates for two names, and a client certificate. */
export interface TestPki {
  ca: string;
  /** For https://127.0.0.1 (SAN IP:127.0.0.1). */
  server: { cert: string; key: string };
  /** Valid only for kubernetes.default.svc: reaching it at 127.0.0.1 needs tls-server-name. */
  named: { cert: string; key: string };
  /** CN=jane, O=system:masters, signed by the CA. */
  client: { cert: string; key: string };
  /** The same files on disk, for kubeconfig `certificate-authority`/`client-certificate`/`client-key`. */
  files: { ca: string; clientCert: string; clientKey: string };
  dir: string;
}

/** Node has no API to issue X.509 certificates, so tests that need one use the openssl binary. */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-pki-'));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=fake-cluster-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(path(`${name}.ext`), extensions);
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`);
    return { cert: readFileSync(path(`${name}.crt`), 'utf8'), key: readFileSync(path(`${name}.key`), 'utf8') };
  };
  const server = issue('server', '/CN=kube-apiserver', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  const named = issue('named', '/CN=kube-apiserver', 'subjectAltName=DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n');
  const client = issue('client', '/CN=jane/O=system:masters', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: readFileSync(path('ca.crt'), 'utf8'), server, named, client, dir,
    files: { ca: path('ca.crt'), clientCert: path('client.crt'), clientKey: path('client.key') },
  };
}

export function removePki(pki: TestPki | undefined): void {
  if (pki) rmSync(pki.dir, { recursive: true, force: true });
}

/** A kubeconfig from parts: `cluster` and `user` are the YAML maps under `cluster:` and `user:`. */
export function kubeconfigYaml(server: string, cluster: Record<string, unknown>, user: Record<string, unknown>, namespace = 'default'): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Config',
    clusters: [{ name: 'real', cluster: { server, ...cluster } }],
    users: [{ name: 'real-user', user }],
    contexts: [{ name: 'real-ctx', context: { cluster: 'real', user: 'real-user', namespace } }],
    'current-context': 'real-ctx',
  }, null, 2);
}

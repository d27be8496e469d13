import type { Fix } from '../domain/diagnosis.js';
import type { Container, Pod, Probe } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { containerPatchFix } from './fix-commands.js';
import { probeBudgetSeconds } from './parse/probe-checks.js';

/**
 * Probe fixes that quote the probe's current values and suggest new ones, chosen by how the
 * kubelet says the probe failed: a client timeout, a refused connection while the app starts,
 * or a port the app does not listen on.
 */

type ProbeField = 'readinessProbe' | 'livenessProbe' | 'startupProbe';

// Exec probes time out as `command "sh -c /health/ping.sh 5" timed out` (kubelet, ExecProbeTimeout).
const TIMEOUT = /context deadline exceeded|Client\.Timeout exceeded|timeout: failed to connect|command (?:"[^"]*" )?timed out|i\/o timeout|net\/http: request canceled|health rpc did not complete within/i;
// The runtime cannot start the probe's command: runc/crun `exec: "/x": stat /x: no such file or directory`, `executable file not found in $PATH`.
const EXEC_MISSING = /exec: "([^"]+)": (?:stat [^:]+: no such file or directory|executable file not found in \$PATH)|exec: "([^"]+)": permission denied/;
// "Not up yet" answers: nothing listening, or a gRPC/HTTP server that says it is not serving yet.
const REFUSED = /connection refused|connect: connection reset|NOT_SERVING|statuscode: 503/i;

/** The port the app says it listens on, from its log or its PORT-style env vars. */
export function listeningPort(container: Container | undefined, log: string | undefined): number | undefined {
  const fromLog = /(?:listening|listen|started server|serving|running|bound)\b[^\n]*?(?:port\s*[:=]?\s*|:)(\d{2,5})\b/i.exec(log ?? '')?.[1];
  if (fromLog) return Number(fromLog);
  const env = (container?.env ?? []).find((e) => /^(?:PORT|HTTP_PORT|SERVER_PORT|APP_PORT|LISTEN_PORT)$/.test(e.name) && /^\d{2,5}$/.test(e.value ?? ''));
  return env ? Number(env.value) : undefined;
}

function handlerYaml(probe: Probe, port: number | string): string {
  if (probe.httpGet) return `httpGet:\n    path: ${probe.httpGet.path ?? '/'}\n    port: ${port}`;
  if (probe.grpc) return `grpc:\n    port: ${port}`;
  return `tcpSocket:\n    port: ${port}`;
}

export function probeFixes(snapshot: Snapshot, pod: Pod, container: string, field: ProbeField, probe: Probe | undefined, failure: string, log?: string): Fix[] {
  if (!probe) return [];
  const spec = pod.spec?.containers.find((c) => c.name === container);
  const fixes: Fix[] = [];
  const timeout = probe.timeoutSeconds ?? 1;
  const period = probe.periodSeconds ?? 10;
  const threshold = probe.failureThreshold ?? 3;
  const delay = probe.initialDelaySeconds ?? 0;
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  const listening = listeningPort(spec, log);

  if (listening !== undefined && port !== undefined && String(port) !== String(listening) && !(spec?.ports ?? []).some((p) => p.name === port && p.containerPort === listening)) {
    fixes.push(containerPatchFix(snapshot, pod, container, `${field} checks port ${port} but the app listens on ${listening}: point the probe at ${listening}`, `${field}:\n  ${handlerYaml(probe, listening)}`));
  }
  const missing = EXEC_MISSING.exec(failure);
  if (missing && probe.exec) {
    const command = missing[1] ?? missing[2] ?? '';
    fixes.push(containerPatchFix(snapshot, pod, container, `The ${field} runs ${command}, which ${missing[2] ? 'is not executable' : 'does not exist'} in the image (the container itself runs fine): point ${field} at what the current image provides (e.g. an httpGet on its health endpoint) or ship the script again`, `${field}:\n  exec:\n    command: ["<a command that exists in the image>"]`));
  }
  if (TIMEOUT.test(failure)) {
    const suggested = Math.max(5, Math.min(period, timeout * 5));
    const what = probe.exec ? `command ${JSON.stringify((probe.exec.command ?? []).join(' '))}` : `${field.replace('Probe', '')} endpoint`;
    fixes.push(containerPatchFix(snapshot, pod, container, `The ${field} ${what} takes longer than ${field}.timeoutSeconds: ${timeout}: raise timeoutSeconds to ${suggested} (and keep the handler cheap: no dependency calls in it)${field === 'livenessProbe' ? '; if it is slow only while the app starts or loads data, add a startupProbe' : ''}`, `${field}:\n  timeoutSeconds: ${suggested}${suggested >= period ? `\n  periodSeconds: ${suggested * 2}` : ''}`));
  }
  if (REFUSED.test(failure) && field !== 'readinessProbe') {
    const budget = field === 'startupProbe' ? delay + period * threshold : probeBudgetSeconds(probe);
    const wanted = Math.max(120, budget * 3);
    const newThreshold = Math.ceil(wanted / period);
    fixes.push(containerPatchFix(snapshot, pod, container,
      field === 'startupProbe'
        ? `The app is not listening yet when the startup probe gives up after ${budget}s (initialDelaySeconds ${delay} + failureThreshold ${threshold} x periodSeconds ${period}s): raise startupProbe.failureThreshold to ${newThreshold} for a ${newThreshold * period}s start-up budget`
        : `The app is not listening yet when the liveness probe gives up after ${budget}s (initialDelaySeconds ${delay} + failureThreshold ${threshold} x periodSeconds ${period}s): add a startupProbe with a ${newThreshold * period}s budget (failureThreshold ${newThreshold} x periodSeconds ${period}s) instead of raising initialDelaySeconds`,
      field === 'startupProbe'
        ? `startupProbe:\n  failureThreshold: ${newThreshold}\n  periodSeconds: ${period}`
        : `startupProbe:\n  ${handlerYaml(probe, port ?? 8080)}\n  failureThreshold: ${newThreshold}\n  periodSeconds: ${period}`));
  }
  return fixes;
}

/** Runs the probe by hand the way the kubelet does: the exec command itself, or a request to the endpoint. */
export function probeByHand(pod: Pod, container: string, probe: Probe | undefined): string {
  const exec = `kubectl exec ${pod.metadata.name} -n ${pod.metadata.namespace} -c ${container} --`;
  if (probe?.exec?.command?.length) return `time ${exec} ${probe.exec.command.map((part) => (/^[\w./:=-]+$/.test(part) ? part : `'${part.replace(/'/g, "'\\''")}'`)).join(' ')}`;
  if (probe?.grpc) return `${exec} grpc_health_probe -addr=localhost:${probe.grpc.port}`;
  if (probe?.tcpSocket) return `${exec} sh -c 'nc -zv localhost ${probe.tcpSocket.port}'`;
  return `${exec} wget -qO- http://localhost:${probe?.httpGet?.port ?? 8080}${probe?.httpGet?.path ?? '/'}`;
}

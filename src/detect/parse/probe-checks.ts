import type { Container, Probe } from '../../domain/k8s-objects.js';

/** Static checks of a probe against its container: the mistakes that make a healthy app fail its probe. */

export interface ProbeProblem {
  kind: 'port-mismatch' | 'initial-delay-too-short';
  text: string;
  /** YAML for the probe field that fixes it. */
  patch: string;
}

function probePort(probe: Probe): number | string | undefined {
  return probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
}

export function probePortMismatch(container: Container, probe: Probe, field: string): ProbeProblem | undefined {
  const port = probePort(probe);
  const ports = container.ports ?? [];
  if (port === undefined || ports.length === 0) return undefined;
  const matches = typeof port === 'number' ? ports.some((p) => p.containerPort === port) : ports.some((p) => p.name === port);
  if (matches) return undefined;
  const declared = ports.map((p) => (p.name ? `${p.name}:${p.containerPort}` : String(p.containerPort))).join(', ');
  const target = ports[0]!.containerPort;
  const handler = probe.httpGet ? `httpGet:\n    path: ${probe.httpGet.path ?? '/'}\n    port: ${target}` : probe.grpc ? `grpc:\n    port: ${target}` : `tcpSocket:\n    port: ${target}`;
  return { kind: 'port-mismatch', text: `${field} checks port ${port} but the container declares port(s) ${declared}`, patch: `${field}:\n  ${handler}` };
}

/** Seconds the app reports it needed to start, from common startup lines. */
export function startupSecondsFromLog(text: string): number | undefined {
  const match = /Started \S+ in ([\d.]+) seconds|started in ([\d.]+) ?s\b|startup took ([\d.]+) ?s\b|ready in ([\d.]+) ?(ms|s)\b/i.exec(text);
  if (!match) return undefined;
  const value = Number(match[1] ?? match[2] ?? match[3] ?? match[4]);
  return match[5] === 'ms' ? value / 1000 : value;
}

/** Worst-case seconds before the kubelet gives up on a probe. */
export function probeBudgetSeconds(probe: Probe): number {
  return (probe.initialDelaySeconds ?? 0) + (probe.periodSeconds ?? 10) * (probe.failureThreshold ?? 3);
}

export function initialDelayTooShort(probe: Probe, field: string, startupSeconds: number | undefined): ProbeProblem | undefined {
  if (startupSeconds === undefined) return undefined;
  const budget = probeBudgetSeconds(probe);
  if (startupSeconds <= budget) return undefined;
  const suggested = Math.ceil((startupSeconds * 1.5) / 5) * 5;
  return {
    kind: 'initial-delay-too-short',
    text: `the app needs about ${Math.round(startupSeconds)}s to start but ${field} gives up after ${budget}s (initialDelaySeconds ${probe.initialDelaySeconds ?? 0} + ${probe.failureThreshold ?? 3} x ${probe.periodSeconds ?? 10}s)`,
    patch: `startupProbe:\n  ${probe.httpGet ? `httpGet:\n    path: ${probe.httpGet.path ?? '/'}\n    port: ${probe.httpGet.port}` : probe.tcpSocket ? `tcpSocket:\n    port: ${probe.tcpSocket.port}` : 'exec: {command: ["true"]}'}\n  periodSeconds: 5\n  failureThreshold: ${Math.ceil(suggested / 5)}\n# or raise ${field}.initialDelaySeconds to ${suggested}`,
  };
}

import { describe, expect, it } from 'vitest';
import { makeContainer, makePod, makeSnapshot } from '../../test/helpers/builders.js';
import { listeningPort, probeByHand, probeFixes } from './probe-fixes.js';

const text = (fixes: { description: string; patch?: string }[]) => fixes.map((f) => `${f.description}\n${f.patch ?? ''}`).join('\n');

describe('probeFixes', () => {
  it('raises timeoutSeconds when the kubelet client timed out, quoting the current value', () => {
    const probe = { httpGet: { path: '/ready', port: 8080 }, timeoutSeconds: 1, periodSeconds: 10 };
    const pod = makePod({ containers: [makeContainer({ readinessProbe: probe })] });
    const fixes = probeFixes(makeSnapshot({ objects: [pod] }), pod, 'app', 'readinessProbe', probe, 'Readiness probe failed: Get "http://10.2.3.4:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
    expect(text(fixes)).toContain('timeoutSeconds: 1');
    expect(text(fixes)).toMatch(/timeoutSeconds: 5/);
  });

  it('gives a startup probe a computed budget when the app is not listening yet', () => {
    const probe = { httpGet: { path: '/health/started', port: 8080 }, periodSeconds: 5, failureThreshold: 6 };
    const pod = makePod({ containers: [makeContainer({ startupProbe: probe })] });
    const fixes = probeFixes(makeSnapshot({ objects: [pod] }), pod, 'app', 'startupProbe', probe, 'Startup probe failed: Get "http://10.2.3.4:8080/health/started": dial tcp 10.2.3.4:8080: connect: connection refused');
    expect(text(fixes)).toContain('gives up after 30s');
    expect(text(fixes)).toContain('failureThreshold: 24');
  });

  it.each([
    ['grpc timeout', 'Liveness probe failed: timeout: health rpc did not complete within 1s', 'timeoutSeconds: 5'],
    ['grpc not serving while warming up', 'Liveness probe failed: service unhealthy (responded with "NOT_SERVING")', 'add a startupProbe'],
  ])('reads gRPC probe failures: %s', (_name, failure, expected) => {
    const probe = { grpc: { port: 50051 }, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 };
    const pod = makePod({ containers: [makeContainer({ livenessProbe: probe })] });
    expect(text(probeFixes(makeSnapshot({ objects: [pod] }), pod, 'app', 'livenessProbe', probe, failure))).toContain(expected);
  });

  it('points the probe at the port the app logs that it listens on', () => {
    const probe = { httpGet: { path: '/health', port: 8080 } };
    const pod = makePod({ containers: [makeContainer({ readinessProbe: probe })] });
    const fixes = probeFixes(makeSnapshot({ objects: [pod] }), pod, 'app', 'readinessProbe', probe, 'Readiness probe failed: Get "http://10.2.3.4:8080/health": dial tcp 10.2.3.4:8080: connect: connection refused', 'Server listening on http://0.0.0.0:3000');
    expect(text(fixes)).toContain('port: 3000');
  });

  it('suggests nothing it cannot back with the failure (plain HTTP 500)', () => {
    const probe = { httpGet: { path: '/ready', port: 8080 } };
    const pod = makePod({ containers: [makeContainer({ readinessProbe: probe })] });
    expect(probeFixes(makeSnapshot({ objects: [pod] }), pod, 'app', 'readinessProbe', probe, 'Readiness probe failed: HTTP probe failed with statuscode: 500')).toEqual([]);
  });
});

describe('listeningPort', () => {
  it('reads common start-up lines and PORT env vars', () => {
    expect(listeningPort(undefined, 'INFO  Listening on port 9000')).toBe(9000);
    expect(listeningPort(makeContainer({ env: [{ name: 'PORT', value: '3000' }] }), '')).toBe(3000);
    expect(listeningPort(undefined, 'connected to db at 10.0.0.5:5432')).toBeUndefined();
  });
});

describe('exec probes', () => {
  const exec = (command: string[], timeoutSeconds = 1) => ({ exec: { command }, timeoutSeconds, periodSeconds: 10 });

  it('a timed-out exec probe gets a timeoutSeconds fix that names the command', () => {
    const probe = exec(['sh', '-c', '/usr/local/bin/check-zk.sh ruok']);
    const pod = makePod({ containers: [makeContainer({ livenessProbe: probe })] });
    const fixes = probeFixes(makeSnapshot({ objects: [pod] }), pod, 'app', 'livenessProbe', probe, 'Liveness probe failed: command "sh -c /usr/local/bin/check-zk.sh ruok" timed out');
    expect(text(fixes)).toContain('timeoutSeconds: 1');
    expect(text(fixes)).toContain('check-zk.sh');
    expect(text(fixes)).toContain('startupProbe');
  });

  it('a probe script missing from the image is named, not mistaken for a slow probe', () => {
    const probe = exec(['/opt/probes/ready.sh'], 3);
    const pod = makePod({ containers: [makeContainer({ readinessProbe: probe })] });
    const fixes = probeFixes(makeSnapshot({ objects: [pod] }), pod, 'app', 'readinessProbe', probe, 'Readiness probe failed: OCI runtime exec failed: exec failed: unable to start container process: exec: "/opt/probes/ready.sh": stat /opt/probes/ready.sh: no such file or directory: unknown');
    expect(fixes).toHaveLength(1);
    expect(fixes[0]!.description).toContain('/opt/probes/ready.sh, which does not exist in the image');
  });

  it('a failing exec probe that ran (exit 1) gets neither fix', () => {
    const probe = exec(['pg_isready', '-h', 'localhost']);
    const pod = makePod({ containers: [makeContainer({ readinessProbe: probe })] });
    expect(probeFixes(makeSnapshot({ objects: [pod] }), pod, 'app', 'readinessProbe', probe, 'Readiness probe failed: localhost:5432 - no response')).toEqual([]);
  });

  it('runs the probe by hand the way the kubelet does', () => {
    const pod = makePod();
    expect(probeByHand(pod, 'app', { exec: { command: ['sh', '-c', 'redis-cli ping | grep PONG'] } })).toBe("time kubectl exec web-7d9f8c6b5-x2kq7 -n shop -c app -- sh -c 'redis-cli ping | grep PONG'");
    expect(probeByHand(pod, 'app', { httpGet: { path: '/healthz', port: 8081 } })).toContain('wget -qO- http://localhost:8081/healthz');
  });
});


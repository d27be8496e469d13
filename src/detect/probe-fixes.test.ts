import { describe, expect, it } from 'vitest';
import { makeContainer, makePod, makeSnapshot } from '../../test/helpers/builders.js';
import { listeningPort, probeFixes } from './probe-fixes.js';

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

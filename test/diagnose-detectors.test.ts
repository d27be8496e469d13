import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/pipeline/diagnose.js';
import { makeContainerStatus, makeEvent, makePod, makeSnapshot, makeWorkload, minutesAgo } from './helpers/builders.js';

const crashLooping = (name: string, lastTerminated: { exitCode: number; reason?: string }) =>
  makePod({ name, containerStatuses: [makeContainerStatus({ waiting: 'CrashLoopBackOff', lastTerminated })] });

describe('diagnose() with the rule-based detectors', () => {
  it('blames the dependency in the previous log over the generic crash loop, with redacted evidence', async () => {
    const pod = crashLooping('web-7d9f8c6b5-x2kq7', { exitCode: 1 });
    const snapshot = makeSnapshot({
      objects: [pod],
      events: [makeEvent({ reason: 'BackOff', container: 'app', count: 42, message: 'Back-off restarting failed container app in pod web-7d9f8c6b5-x2kq7_shop(uid-web)' })],
      logs: [{ pod: pod.metadata.name, container: 'app', previous: true, text: 'connecting to postgres://orders:s3cret@orders-db.shop.svc:5432/orders\nFATAL: could not connect to orders-db.shop.svc:5432: dial tcp 10.96.4.2:5432: connect: connection refused' }],
    });
    const { diagnosis } = await diagnose(snapshot);
    expect(diagnosis.status).toBe('failing');
    expect(diagnosis.category).toBe('missing-dependency');
    expect(diagnosis.summary).toContain('web-7d9f8c6b5-x2kq7');
    expect(JSON.stringify(diagnosis)).not.toContain('s3cret');
    // status + event + log agree → higher confidence than the log alone
    expect(diagnosis.confidence).toBeGreaterThan(0.75);
  });

  it('merges the same OOM on every replica of a Deployment into one finding', async () => {
    const deployment = makeWorkload('Deployment', 'web', { spec: { replicas: 3 } });
    const rs = makeWorkload('ReplicaSet', 'web-7d9f8c6b5', { owner: { kind: 'Deployment', name: 'web' }, revision: 1 });
    const pods = ['web-7d9f8c6b5-aaaaa', 'web-7d9f8c6b5-bbbbb', 'web-7d9f8c6b5-ccccc'].map((n) => crashLooping(n, { exitCode: 137, reason: 'OOMKilled' }));
    const { diagnosis } = await diagnose(makeSnapshot({ target: { kind: 'Deployment', namespace: 'shop', name: 'web' }, objects: [deployment, rs, ...pods] }));
    expect(diagnosis.category).toBe('oom-killed');
    expect(diagnosis.findings.filter((f) => f.category === 'oom-killed')).toHaveLength(1);
    expect(diagnosis.findings[0]?.evidence[0]?.text).toBe('3 of 3 pods show this');
  });

  it('ties a rollout change to the symptom and offers rollout undo', async () => {
    const template = (image: string) => ({ template: { spec: { containers: [{ name: 'app', image }] } } });
    const deployment = makeWorkload('Deployment', 'web', { spec: { replicas: 1, ...template('registry.example.com/shop/web:1.5.0') } });
    const oldRs = makeWorkload('ReplicaSet', 'web-5f6d7c8b9', { owner: { kind: 'Deployment', name: 'web' }, revision: 3, spec: template('registry.example.com/shop/web:1.4.2') });
    const newRs = makeWorkload('ReplicaSet', 'web-7d9f8c6b5', { owner: { kind: 'Deployment', name: 'web' }, revision: 4, spec: template('registry.example.com/shop/web:1.5.0') });
    const pod = makePod({ containerStatuses: [makeContainerStatus({ waiting: 'ErrImagePull', waitingMessage: 'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/shop/web:1.5.0": failed to resolve reference "registry.example.com/shop/web:1.5.0": registry.example.com/shop/web:1.5.0: not found' })] });
    const { diagnosis } = await diagnose(makeSnapshot({ target: { kind: 'Deployment', namespace: 'shop', name: 'web' }, objects: [deployment, newRs, oldRs, pod] }));
    expect(diagnosis.category).toBe('image-not-found');
    const primary = diagnosis.findings[0]!;
    expect(primary.evidence.some((e) => e.source === 'spec' && e.text.includes('web:1.4.2 → registry.example.com/shop/web:1.5.0'))).toBe(true);
    const undo = primary.fixes.filter((f) => f.command?.startsWith('kubectl rollout undo'));
    expect(undo.map((f) => f.command)).toEqual(['kubectl rollout undo deployment/web -n shop --to-revision=3']);
  });

  it('calls a pod with old restarts that has been ready for hours healthy', async () => {
    const pod = makePod({ containerStatuses: [makeContainerStatus({ lastTerminated: { exitCode: 1, finishedAt: minutesAgo(400), startedAt: minutesAgo(500) } })] });
    const { diagnosis } = await diagnose(makeSnapshot({ objects: [pod], events: [makeEvent({ reason: 'Pulled', type: 'Normal', message: 'Container image "registry.example.com/shop/web:1.4.2" already present on machine' })] }));
    expect(diagnosis.status).toBe('healthy');
    expect(diagnosis.category).toBe('healthy');
  });

  it('says unknown, with what to collect, when a kill has no explanation', async () => {
    const pod = crashLooping('web-7d9f8c6b5-x2kq7', { exitCode: 137 });
    const { diagnosis } = await diagnose(makeSnapshot({ objects: [pod], collectionErrors: [{ what: 'logs app (previous)', reason: 'Forbidden: pods/log' }] }));
    expect(diagnosis.category).toBe('unknown');
    expect(diagnosis.notes?.join('\n')).toContain('kubectl logs');
    expect(diagnosis.notes?.join('\n')).toContain('1 item(s) could not be read');
    expect(diagnosis.collectionErrors).toEqual([{ what: 'logs app (previous)', reason: 'Forbidden: pods/log' }]);
  });
  it('does not call a lone pod that is still starting healthy: unknown, with what to re-check', async () => {
    // Running for 90 s, readiness probe not due before 120 s, no warning: nothing failed, nothing is ready.
    const container = makeContainerStatus({ ready: false, started: true, state: { running: { startedAt: minutesAgo(1.5) } } });
    const pod = makePod({
      createdMinutesAgo: 6,
      containers: [{ name: 'app', image: 'registry.example.com/ml/reranker:2.0', readinessProbe: { httpGet: { path: '/ready', port: 8080 }, initialDelaySeconds: 120 } }],
      containerStatuses: [container],
    });
    const { diagnosis } = await diagnose(makeSnapshot({ objects: [pod] }));
    expect(diagnosis.status).toBe('degraded');
    expect(diagnosis.category).toBe('unknown');
    expect(diagnosis.summary).toContain('not Ready yet');
    expect(diagnosis.notes?.join('\n')).toContain('kubectl get pod web-7d9f8c6b5-x2kq7 -n shop -w');
  });
  it('says a finished Job completed rather than claiming its containers are running', async () => {
    const job = makeWorkload('Job', 'export-29405280', { spec: { completions: 1 }, status: { succeeded: 1, failed: 1, conditions: [{ type: 'Complete', status: 'True' }] } });
    const pod = makePod({ name: 'export-29405280-w4rtd', phase: 'Succeeded', owner: { kind: 'Job', name: 'export-29405280' }, containerStatuses: [makeContainerStatus({ ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } })] });
    const { diagnosis } = await diagnose(makeSnapshot({ target: { kind: 'Job', namespace: 'shop', name: 'export-29405280' }, objects: [job, pod] }));
    expect(diagnosis.status).toBe('healthy');
    expect(diagnosis.summary).toContain('the Job completed (after 1 failed attempt(s)');
    expect(diagnosis.summary).not.toContain('running and ready');
  });
});

import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../domain/snapshot.js';
import { makeContainer, makeContainerStatus, makePod, makeSnapshot, makeWorkload, minutesAgo } from '../../../test/helpers/builders.js';
import { DETECTORS } from '../detector-registry.js';
import { resolveFindings } from '../resolve-findings.js';
import { runDetectors } from '../run-detectors.js';

function resolve(snapshot: Snapshot) {
  return resolveFindings(snapshot, runDetectors(snapshot, DETECTORS).findings);
}

const JOB = 'nightly-reindex-29411520';
const jobTarget = { kind: 'Job' as const, namespace: 'search', name: JOB };
const exited = (exitCode: number) => makeContainerStatus({ name: 'reindex', ready: false, state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: minutesAgo(70), finishedAt: minutesAgo(60) } } });
const jobPod = (suffix: string, phase: string, exitCode: number, status: Record<string, unknown> = {}) =>
  makePod({ name: `${JOB}-${suffix}`, namespace: 'search', phase, owner: { kind: 'Job', name: JOB }, containers: [makeContainer({ name: 'reindex' })], containerStatuses: [exited(exitCode)], status });
const traceback = 'Traceback (most recent call last):\n  File "/app/reindex.py", line 40, in main\n    bulk(client, docs)\nelasticsearch.exceptions.ConnectionTimeout: ConnectionTimeout caused by - ReadTimeoutError(HTTPConnectionPool(host=\'es-data\', port=9200): Read timed out. (read timeout=30))';

describe('Jobs', () => {
  it('a Job that completed after two failed attempts is healthy, with the retries as info', () => {
    const job = makeWorkload('Job', JOB, { namespace: 'search', spec: { backoffLimit: 6 }, status: { succeeded: 1, failed: 2, conditions: [{ type: 'Complete', status: 'True' }] } });
    const snapshot = makeSnapshot({
      target: jobTarget,
      objects: [job, jobPod('a1b2c', 'Failed', 1), jobPod('d3e4f', 'Failed', 1), jobPod('g5h6j', 'Succeeded', 0)],
      logs: [{ pod: `${JOB}-a1b2c`, container: 'reindex', previous: false, text: traceback }],
    });
    const resolution = resolve(snapshot);
    expect(resolution.category).toBe('healthy');
    expect(resolution.findings.find((f) => f.severity === 'info')?.title).toBe('2 earlier attempts failed; the retry succeeded');
  });

  it('SuccessCriteriaMet counts as success too (success policy)', () => {
    const job = makeWorkload('Job', JOB, { namespace: 'search', status: { succeeded: 1, failed: 1, conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }] } });
    const snapshot = makeSnapshot({ target: jobTarget, objects: [job, jobPod('a1b2c', 'Failed', 1), jobPod('g5h6j', 'Succeeded', 0)] });
    expect(resolve(snapshot).category).toBe('healthy');
  });

  it('a Job that hit its backoffLimit is failing, and its cause comes from the failed pods', () => {
    const job = makeWorkload('Job', JOB, { namespace: 'search', spec: { backoffLimit: 2 }, status: { failed: 3, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] } });
    const snapshot = makeSnapshot({
      target: jobTarget,
      objects: [job, jobPod('a1b2c', 'Failed', 1), jobPod('d3e4f', 'Failed', 1), jobPod('k7m8n', 'Failed', 1)],
      logs: [{ pod: `${JOB}-k7m8n`, container: 'reindex', previous: false, text: traceback }],
    });
    const resolution = resolve(snapshot);
    expect(resolution.status).toBe('failing');
    expect(resolution.category).not.toBe('unknown');
    expect(resolution.findings[0]!.evidence.map((e) => e.text).join('\n')).toContain('BackoffLimitExceeded');
  });
});

describe('evictions for the pod\'s own storage limits', () => {
  const evictedPod = (message: string) => makePod({
    name: 'thumbnailer-5c8d7b9f6-q7wzk', phase: 'Failed',
    containers: [makeContainer({ name: 'thumbnailer', volumeMounts: [{ name: 'render-cache', mountPath: '/var/cache/render' }] })],
    containerStatuses: [makeContainerStatus({ name: 'thumbnailer', ready: false, state: { terminated: { exitCode: 137, reason: 'Error' } } })],
    spec: { volumes: [{ name: 'render-cache', emptyDir: { sizeLimit: '512Mi' } }] },
    status: { reason: 'Evicted', message },
  });

  it('an emptyDir over its sizeLimit is an eviction naming the volume and the limit, not a crash', () => {
    const resolution = resolve(makeSnapshot({ objects: [evictedPod('Usage of EmptyDir volume "render-cache" exceeds the limit "512Mi". ')] }));
    expect(resolution.category).toBe('evicted');
    const primary = resolution.findings[0]!;
    expect(primary.rootCause).toContain('render-cache');
    expect(primary.rootCause).toContain('/var/cache/render');
    expect(primary.fixes[0]!.patch).toContain('sizeLimit: 1Gi');
    expect(primary.fixes[0]!.patch).toContain('- name: render-cache');
  });

  it('a container over its ephemeral-storage limit gets a limit fix for that container', () => {
    const resolution = resolve(makeSnapshot({ objects: [evictedPod('Container thumbnailer exceeded its local ephemeral storage limit "1Gi". ')] }));
    expect(resolution.category).toBe('evicted');
    expect(resolution.findings[0]!.fixes[0]!.patch).toContain('ephemeral-storage: 2Gi');
  });

  it('a Job\'s fix says the template must be changed in the manifest, not patched', () => {
    const job = makeWorkload('Job', JOB, { namespace: 'search', status: { active: 1, failed: 1 } });
    const pod = makePod({ ...{ name: `${JOB}-x9y8z`, namespace: 'search' }, phase: 'Failed', owner: { kind: 'Job', name: JOB }, spec: { volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '2Gi' } }] }, containerStatuses: [], status: { reason: 'Evicted', message: 'Usage of EmptyDir volume "scratch" exceeds the limit "2Gi". ' } });
    const fix = resolve(makeSnapshot({ target: jobTarget, objects: [job, pod] })).findings[0]!.fixes[0]!;
    expect(fix.description).toContain('re-create the Job');
    expect(fix.command).not.toContain('kubectl patch');
  });
});

describe('crash loops whose logs could not be read', () => {
  const crashing = (exitCode: number) => makePod({ containerStatuses: [makeContainerStatus({ waiting: 'CrashLoopBackOff', lastTerminated: { exitCode, reason: 'Error' } })] });
  const forbidden = { what: 'logs web-7d9f8c6b5-x2kq7/app (previous)', reason: 'pods "web-7d9f8c6b5-x2kq7" is forbidden: User "ci-bot" cannot get resource "pods/log" in API group "" in the namespace "shop"' };

  it('exit 1 with forbidden logs is unknown and says to read kubectl logs --previous', () => {
    const resolution = resolve(makeSnapshot({ objects: [crashing(1)], collectionErrors: [forbidden] }));
    expect(resolution.category).toBe('unknown');
    expect(resolution.notes.join('\n')).toContain('--previous');
    expect(resolution.notes.join('\n')).toMatch(/forbidden/i);
  });

  it('exit 1 with readable logs and no signature stays an app crash', () => {
    const resolution = resolve(makeSnapshot({ objects: [crashing(1)], logs: [{ pod: 'web-7d9f8c6b5-x2kq7', container: 'app', previous: true, text: 'starting worker\nshutting down\n' }] }));
    expect(resolution.category).toBe('app-crash');
  });

  it('a specific exit code does not need the logs: 127 stays a command error', () => {
    expect(resolve(makeSnapshot({ objects: [crashing(127)], collectionErrors: [forbidden] })).category).toBe('command-error');
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeQuery, decomposeQuestion, queriesFromDiagnosis } from './analyze-query.js';
import type { Finding } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';

describe('analyzeQuery', () => {
  it.each([
    ['why is pod web-7d9f8c-x2kq in namespace shop in CrashLoopBackOff?', { pod: 'web-7d9f8c-x2kq', namespace: 'shop', errorType: 'CrashLoopBackOff' }],
    ['kubectl logs payments-api-5f4 -n billing -c worker shows OOMKilled', { namespace: 'billing', container: 'worker', errorType: 'OOMKilled' }],
    ['the api pod in the prod namespace is stuck Pending on node ip-10-0-1-12.ec2.internal', { pod: 'api', namespace: 'prod', node: 'ip-10-0-1-12.ec2.internal' }],
    ['container "migrate" fails with exec: "/app/run.sh": executable file not found in $PATH', { container: 'migrate', errorType: 'StartError' }],
    ['Failed to pull image "registry.example.com/team/app:v2": 401 Unauthorized', { errorType: 'ErrImagePull (unauthorized)' }],
    // No namespace keyword: a name-like word followed by "in <name>".
    ['why is web-7d9f in shop crashing?', { pod: 'web-7d9f', namespace: 'shop' }],
    // The namespace named by "in the X namespace" wins over the word after "namespace".
    ['why does the checkout-api pod in the payments namespace restart?', { pod: 'checkout-api', namespace: 'payments' }],
  ])('%s', (question, expected) => {
    expect(analyzeQuery(question)).toMatchObject(expected);
  });

  it.each([
    'why is my pod stuck in ContainerCreating with FailedMount and how do I fix it?',
    'what is a pod in kubernetes',
    'why is the pod in production pending',
  ])('takes no ordinary English word for a name: %s', (question) => {
    const analysis = analyzeQuery(question);
    expect(analysis.pod).toBeUndefined();
    expect(analysis.namespace).toBeUndefined();
  });

  it('points at categories without inventing names', () => {
    const analysis = analyzeQuery('0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}');
    expect(analysis.categories[0]).toBe('untolerated-taint');
    expect(analysis.pod).toBeUndefined();
    expect(analysis.namespace).toBeUndefined();
  });
});

describe('decomposeQuestion', () => {
  it('splits a two-part question and leaves a single one alone', () => {
    expect(decomposeQuestion('Why is my pod Pending and how do I add a toleration for the gpu taint?')).toEqual(['Why is my pod Pending', 'how do I add a toleration for the gpu taint']);
    expect(decomposeQuestion('What does exit code 137 mean? Also, how do I raise the memory limit?')).toEqual(['What does exit code 137 mean', 'how do I raise the memory limit']);
    expect(decomposeQuestion('why is the readiness probe failing')).toEqual(['why is the readiness probe failing']);
  });
});

describe('queriesFromDiagnosis', () => {
  const snapshot = { target: { kind: 'Pod', namespace: 'shop', name: 'web-7d9f8c-x2kq' } } as Snapshot;
  const finding: Finding = {
    category: 'missing-dependency',
    severity: 'critical',
    container: 'app',
    title: 'web-7d9f8c-x2kq cannot reach its database',
    rootCause: 'The app exits because connecting to postgres:5432 is refused.',
    evidence: [
      { source: 'status', text: 'Last State: Terminated, Reason: Error, Exit Code: 1' },
      { source: 'log', text: 'Error: connect ECONNREFUSED 10.96.0.12:5432\n    at TCPConnectWrap' },
    ],
    fixes: [],
    detectors: ['container-terminated'],
    patterns: [],
  };

  it('builds queries from category, title, root cause and the decisive log line, without the pod name', () => {
    const queries = queriesFromDiagnosis(snapshot, [finding]);
    expect(queries).toContain('Error: connect ECONNREFUSED 10.96.0.12:5432');
    expect(queries[0]).toMatch(/^cannot connect to dependency .*cannot reach its database$/);
    expect(queries).toContain('The app exits because connecting to postgres:5432 is refused.');
    expect(queries.join(' ')).not.toContain('web-7d9f8c-x2kq');
  });

  it('asks nothing for a healthy target', () => {
    expect(queriesFromDiagnosis(snapshot, [{ ...finding, category: 'healthy' }])).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyQuestion } from './classify-question.js';

describe('classifyQuestion', () => {
  it.each([
    // names a pod-like target and a namespace: run the diagnosis
    ['why is web-7d9f in shop crashing?', { kind: 'target', target: { kind: 'Pod', name: 'web-7d9f', namespace: 'shop' } }],
    ['what is wrong with deployment/checkout -n payments', { kind: 'target', target: { kind: 'Deployment', name: 'checkout', namespace: 'payments' } }],
    // live state: answered from read-only API calls
    ['how many pods are running in hr?', { kind: 'live', resource: 'Pod', namespace: 'hr', state: 'running' }],
    ['list the nodes that are not ready', { kind: 'live', resource: 'Node', state: 'not ready' }],
    // knowledge: no names, no counts
    ['what does CrashLoopBackOff mean?', { kind: 'knowledge' }],
    ['why would a pod be OOMKilled when usage looks low?', { kind: 'knowledge' }],
  ])('%s', (question, expected) => {
    expect(classifyQuestion(question)).toMatchObject(expected);
  });

  it('trusts the analyzer\'s pod and namespace hints', () => {
    expect(classifyQuestion('pod api is sad', { pod: 'api', namespace: 'prod' })).toEqual({ kind: 'target', target: { kind: 'Pod', name: 'api', namespace: 'prod' } });
  });
});

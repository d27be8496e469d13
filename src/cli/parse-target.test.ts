import { describe, expect, it } from 'vitest';
import { parseKindTarget, parseNamedTarget } from './parse-target.js';

describe('target syntax', () => {
  it.each([
    // kubectl habits: namespace/name, or name with -n, or name alone (namespace from the context later).
    ['shop/web-7d9f8c-x2kq', undefined, { kind: 'Pod', namespace: 'shop', name: 'web-7d9f8c-x2kq' }],
    ['web-7d9f8c-x2kq', 'shop', { kind: 'Pod', namespace: 'shop', name: 'web-7d9f8c-x2kq' }],
    ['web-7d9f8c-x2kq', undefined, { kind: 'Pod', name: 'web-7d9f8c-x2kq' }],
    ['shop/web-7d9f8c-x2kq', 'shop', { kind: 'Pod', namespace: 'shop', name: 'web-7d9f8c-x2kq' }],
  ])('pod %s -n %s', (text, namespace, expected) => {
    expect(parseNamedTarget('Pod', text, namespace)).toEqual(expected);
  });

  it.each([
    ['statefulset/db', 'shop', { kind: 'StatefulSet', namespace: 'shop', name: 'db' }],
    ['sts/db', 'shop', { kind: 'StatefulSet', namespace: 'shop', name: 'db' }],
    ['shop/ds/node-agent', undefined, { kind: 'DaemonSet', namespace: 'shop', name: 'node-agent' }],
    ['job/migrate-42', undefined, { kind: 'Job', name: 'migrate-42' }],
    ['deploy/web', 'shop', { kind: 'Deployment', namespace: 'shop', name: 'web' }],
  ])('workload %s -n %s', (text, namespace, expected) => {
    expect(parseKindTarget(text, namespace)).toEqual(expected);
  });

  it.each([
    // Each one a usage error with a one-line reason, never a request to the cluster.
    [() => parseNamedTarget('Pod', 'a/b/c'), 'expected <namespace>/<name>'],
    [() => parseNamedTarget('Pod', 'shop/web', 'billing'), 'namespace given twice'],
    [() => parseNamedTarget('Pod', 'Shop/web'), 'invalid namespace "Shop"'],
    [() => parseKindTarget('db'), 'expected <kind>/<name>'],
    [() => parseKindTarget('cronjobz/x'), 'unknown kind "cronjobz"'],
    // An empty part used to mean the default namespace silently (`pod /web` read default/web).
    [() => parseNamedTarget('Pod', '/web', 'shop'), 'invalid target "/web"'],
    [() => parseNamedTarget('Deployment', 'shop/'), 'invalid target "shop/"'],
    [() => parseKindTarget('/sts/db'), 'invalid target "/sts/db"'],
  ])('rejects bad input %#', (parse, message) => {
    expect(parse).toThrow(message);
  });
});

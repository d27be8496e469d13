import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/helpers/builders.js';
import { isForbidden, unreadableLogs } from './log-access.js';

const forbidden = 'pods "api-6d9b7c5f84-jw4hd" is forbidden: User "dev@example.com" cannot get resource "pods/log" in API group "" in the namespace "shop"';

describe('unreadableLogs', () => {
  it('finds a collector error for that pod and container', () => {
    const snapshot = makeSnapshot({ collectionErrors: [{ what: 'logs api-6d9b7c5f84-jw4hd/api (previous)', reason: forbidden }] });
    expect(unreadableLogs(snapshot, 'api-6d9b7c5f84-jw4hd', 'api')).toBe(forbidden);
  });
  it('accepts the older form without the pod name', () => {
    const snapshot = makeSnapshot({ collectionErrors: [{ what: 'logs api (current)', reason: 'Forbidden: pods/log' }] });
    expect(unreadableLogs(snapshot, 'api-6d9b7c5f84-jw4hd', 'api')).toBe('Forbidden: pods/log');
  });
  it('ignores errors about another container, another pod, or events', () => {
    const snapshot = makeSnapshot({ collectionErrors: [
      { what: 'logs api-6d9b7c5f84-jw4hd/istio-proxy (previous)', reason: forbidden },
      { what: 'logs api-6d9b7c5f84-zzzzz/api', reason: forbidden },
      { what: 'events', reason: 'Forbidden' },
    ] });
    expect(unreadableLogs(snapshot, 'api-6d9b7c5f84-jw4hd', 'api')).toBeUndefined();
  });
  it('says nothing when the log text is there after all', () => {
    const snapshot = makeSnapshot({
      collectionErrors: [{ what: 'logs api-6d9b7c5f84-jw4hd/api (previous)', reason: 'container not found' }],
      logs: [{ pod: 'api-6d9b7c5f84-jw4hd', container: 'api', previous: false, text: 'listening on :8080\n' }],
    });
    expect(unreadableLogs(snapshot, 'api-6d9b7c5f84-jw4hd', 'api')).toBeUndefined();
  });
  it('recognises RBAC refusals', () => {
    expect(isForbidden(forbidden)).toBe(true);
    expect(isForbidden('Get "https://10.0.0.1:10250/containerLogs/shop/api/api": dial tcp 10.0.0.1:10250: i/o timeout')).toBe(false);
  });
});

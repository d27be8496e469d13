import { describe, expect, it } from 'vitest';
import { fingerprint, normaliseKey, stripPodHash } from './fingerprint.js';

describe('fingerprint', () => {
  it('is the same for every replica and every run of one problem', () => {
    const a = fingerprint({ category: 'oom-killed', namespace: 'shop', workload: 'web', container: 'app', key: 'OOMKilled at 2026-11-20T10:00:00Z on 10.0.0.4' });
    const b = fingerprint({ category: 'oom-killed', namespace: 'shop', workload: 'web', container: 'app', key: 'OOMKilled at 2026-11-21T11:30:12Z on 10.0.0.9' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });

  it('differs when category, namespace, workload, container or key differ', () => {
    const base = { category: 'missing-configmap', namespace: 'shop', workload: 'web', container: 'app', key: 'app-config' } as const;
    const others = [
      { ...base, category: 'missing-secret' as const },
      { ...base, namespace: 'prod' },
      { ...base, workload: 'api' },
      { ...base, container: 'sidecar' },
      { ...base, key: 'feature-flags' },
    ];
    for (const other of others) expect(fingerprint(other)).not.toBe(fingerprint(base));
  });

  it('normalises volatile parts of keys', () => {
    expect(normaliseKey('dial tcp 10.1.2.3:5432 at 2026-11-20T10:00:00Z')).toBe('dial tcp <ip> at <time>');
  });

  it('strips ReplicaSet and pod hash suffixes but keeps StatefulSet ordinals', () => {
    expect(stripPodHash('web-7d9f8c6b5-x2kq7')).toBe('web');
    expect(stripPodHash('web-7d9f8c6b5')).toBe('web');
    expect(stripPodHash('db-0')).toBe('db-0');
    expect(stripPodHash('nightly-report-28391520-bq7xz')).toBe('nightly-report');
  });
});

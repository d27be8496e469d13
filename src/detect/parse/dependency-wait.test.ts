import { describe, expect, it } from 'vitest';
import { parseDependencyWait, shortHost } from './dependency-wait.js';

describe('parseDependencyWait', () => {
  it('reads busybox nslookup NXDOMAIN loops and strips the search domain', () => {
    const log = ['Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', "** server can't find redis-main.payments.svc.cluster.local: NXDOMAIN", '', 'waiting for redis-main'].join('\n');
    expect(parseDependencyWait(log)).toMatchObject({ host: 'redis-main', unresolved: true, line: "** server can't find redis-main.payments.svc.cluster.local: NXDOMAIN" });
  });

  it('reads nc -v refused connections with the port', () => {
    const log = 'nc: connect to kafka-0.kafka port 9092 (tcp) failed: Connection refused\nkafka not up yet, sleeping';
    expect(parseDependencyWait(log)).toMatchObject({ host: 'kafka-0.kafka', port: '9092', unresolved: false });
  });

  it('reads pg_isready output', () => {
    expect(parseDependencyWait('billing-pg:5432 - no response\nbilling-pg:5432 - no response')).toMatchObject({ host: 'billing-pg', port: '5432' });
  });

  it('falls back to the command when the log is quiet', () => {
    expect(parseDependencyWait('', 'sh -c until nc -z -w 2 minio 9000; do sleep 3; done')).toMatchObject({ host: 'minio', port: '9000' });
  });

  it('does not invent a host from unrelated output', () => {
    // a migration tool's normal progress has nothing it waits for
    expect(parseDependencyWait('Applying migration 0042_add_index... OK\nAll migrations applied.')).toBeUndefined();
  });

  it('keeps external names whole', () => {
    expect(shortHost('api.stripe.com')).toBe('api.stripe.com');
    expect(shortHost('db.prod.svc.cluster.local')).toBe('db');
  });
});

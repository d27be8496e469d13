import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../domain/k8s-objects.js';
import { makeContainer, makePod, makeSnapshot } from '../../test/helpers/builders.js';
import { configuredHosts, dependencyTarget } from './dependency-target.js';

const service = (name: string, ip: string): K8sObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { clusterIP: ip, clusterIPs: [ip] } } as K8sObject);

describe('dependencyTarget', () => {
  it('maps a refused ClusterIP to its Service', () => {
    const pod = makePod();
    const snapshot = makeSnapshot({ objects: [pod, service('orders-db', '10.100.7.21'), service('cache', '10.100.9.4')] });
    expect(dependencyTarget(snapshot, pod, 'app', '10.100.7.21:5432')).toEqual({ name: 'orders-db', namespace: 'shop', port: '5432', how: 'cluster-ip' });
  });

  it('falls back to the host the container is configured with for the same port', () => {
    const pod = makePod({ containers: [makeContainer({ env: [{ name: 'DATABASE_URL', value: 'postgres://app@orders-db.data.svc:5432/orders' }, { name: 'AMQP_URL', value: 'amqp://mq.data.svc:5672' }] })] });
    expect(dependencyTarget(makeSnapshot({ objects: [pod] }), pod, 'app', '10.100.7.21:5432')?.name).toBe('orders-db.data.svc');
  });

  it('a host name in the log is already the answer', () => {
    const pod = makePod();
    expect(dependencyTarget(makeSnapshot({ objects: [pod] }), pod, 'app', 'orders-db:5432')).toBeUndefined();
  });
});

describe('configuredHosts', () => {
  it('reads URLs, ADO.NET/JDBC-style connection strings and host:port values, not IPs or localhost', () => {
    const container = makeContainer({ env: [
      { name: 'ConnectionStrings__Main', value: 'Server=tcp:sql-main.db.svc.cluster.local,1433;Database=Main;Encrypt=True' },
      { name: 'REDIS_ADDR', value: 'redis-master.cache:6379' },
      { name: 'KAFKA', value: 'PLAINTEXT://10.0.4.12:9092' },
      { name: 'OTEL_EXPORTER', value: 'http://localhost:4317' },
      { name: 'LOG_LEVEL', value: 'info' },
    ] });
    expect(configuredHosts(container).map((h) => [h.host, h.port])).toEqual([['sql-main.db.svc.cluster.local', '1433'], ['redis-master.cache', '6379']]);
  });
});

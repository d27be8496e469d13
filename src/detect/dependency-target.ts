import type { Container, K8sObject, Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { objectsOfKind } from '../domain/snapshot-view.js';

/**
 * Who the app was trying to reach, in Kubernetes names. Logs usually show the resolved address
 * (`connect ECONNREFUSED 10.96.112.40:6379`) or nothing at all (`Name or service not known`);
 * the Service with that ClusterIP, or the host in the container's own configuration, is what a
 * person can check and fix.
 */
export interface DependencyTarget {
  /** `redis-master` (a Service in the snapshot) or the configured host name. */
  name: string;
  namespace?: string;
  port?: string;
  how: 'cluster-ip' | 'configured';
}

type Service = K8sObject & { spec?: { clusterIP?: string; clusterIPs?: string[] } };

export function serviceByClusterIp(snapshot: Snapshot, ip: string): Service | undefined {
  return objectsOfKind<Service>(snapshot, 'Service').find((s) => s.spec?.clusterIP === ip || (s.spec?.clusterIPs ?? []).includes(ip));
}

// Host names inside URLs, ADO.NET/JDBC connection strings and host:port pairs in env values.
const HOST_IN_VALUE = [
  /^[a-z][\w+.-]*:\/\/(?:[^@/\s]*@)?([A-Za-z0-9][\w.-]*)(?::(\d+))?/i,
  /(?:^|;)\s*(?:Server|Data Source|Host|Address|Addr)\s*=\s*(?:tcp:)?([A-Za-z0-9][\w.-]*)(?:[,:](\d+))?/i,
  /^([a-z0-9][\w-]*(?:\.[\w-]+)+):(\d{2,5})$/i,
];

/** Host names (not IPs, not localhost) the container is configured to talk to, from literal env values. */
export function configuredHosts(container: Container | undefined): { host: string; port?: string; env: string }[] {
  const hosts: { host: string; port?: string; env: string }[] = [];
  for (const env of container?.env ?? []) {
    const value = env.value ?? '';
    for (const pattern of HOST_IN_VALUE) {
      const m = pattern.exec(value);
      if (!m || /^(?:localhost|\d+(?:\.\d+){3})$/i.test(m[1]!)) continue;
      hosts.push({ host: m[1]!, ...(m[2] ? { port: m[2] } : {}), env: env.name });
      break;
    }
  }
  return hosts;
}

/** The Service behind an IP:port from a log line, else the one configured host matching the port (or the only one). */
export function dependencyTarget(snapshot: Snapshot, pod: Pod, container: string, address: string | undefined): DependencyTarget | undefined {
  const ip = /^(\d+(?:\.\d+){3})(?::(\d+))?$/.exec(address ?? '');
  if (ip) {
    const service = serviceByClusterIp(snapshot, ip[1]!);
    if (service) return { name: service.metadata.name, ...(service.metadata.namespace ? { namespace: service.metadata.namespace } : {}), ...(ip[2] ? { port: ip[2] } : {}), how: 'cluster-ip' };
  }
  if (address && !ip) return undefined;
  const hosts = configuredHosts(pod.spec?.containers.find((c) => c.name === container));
  const port = ip?.[2];
  const match = (port ? hosts.filter((h) => h.port === port) : []).concat(hosts.length === 1 ? hosts : []);
  const chosen = match[0];
  return chosen ? { name: chosen.host, ...(chosen.port ? { port: chosen.port } : {}), how: 'configured' } : undefined;
}

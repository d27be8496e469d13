/** Where each kind lives in the REST API, and the kind/apiVersion list items lack. */
export interface ApiResource {
  kind: string;
  apiVersion: string;
  /** Plural resource name, as used in paths and RBAC rules. */
  plural: string;
  namespaced: boolean;
}

const RESOURCES: readonly ApiResource[] = [
  { kind: 'Pod', apiVersion: 'v1', plural: 'pods', namespaced: true },
  { kind: 'Node', apiVersion: 'v1', plural: 'nodes', namespaced: false },
  { kind: 'Event', apiVersion: 'v1', plural: 'events', namespaced: true },
  { kind: 'Service', apiVersion: 'v1', plural: 'services', namespaced: true },
  { kind: 'Endpoints', apiVersion: 'v1', plural: 'endpoints', namespaced: true },
  { kind: 'ConfigMap', apiVersion: 'v1', plural: 'configmaps', namespaced: true },
  { kind: 'Secret', apiVersion: 'v1', plural: 'secrets', namespaced: true },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', plural: 'persistentvolumeclaims', namespaced: true },
  { kind: 'PersistentVolume', apiVersion: 'v1', plural: 'persistentvolumes', namespaced: false },
  { kind: 'ResourceQuota', apiVersion: 'v1', plural: 'resourcequotas', namespaced: true },
  { kind: 'LimitRange', apiVersion: 'v1', plural: 'limitranges', namespaced: true },
  { kind: 'Deployment', apiVersion: 'apps/v1', plural: 'deployments', namespaced: true },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', plural: 'replicasets', namespaced: true },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', plural: 'statefulsets', namespaced: true },
  { kind: 'DaemonSet', apiVersion: 'apps/v1', plural: 'daemonsets', namespaced: true },
  { kind: 'Job', apiVersion: 'batch/v1', plural: 'jobs', namespaced: true },
  { kind: 'CronJob', apiVersion: 'batch/v1', plural: 'cronjobs', namespaced: true },
  { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', plural: 'pods', namespaced: true },
];

export function apiResource(kind: string): ApiResource | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** `/api/v1/namespaces/shop/pods/web` style path; no name gives the collection, no namespace a cluster-wide list. */
export function resourcePath(resource: ApiResource, namespace?: string, name?: string): string {
  const group = resource.apiVersion.includes('/') ? `/apis/${resource.apiVersion}` : `/api/${resource.apiVersion}`;
  const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const tail = name ? `/${encodeURIComponent(name)}` : '';
  return `${group}${scope}/${resource.plural}${tail}`;
}

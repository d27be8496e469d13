import type { K8sObject, Pod, PodSpec } from '../domain/k8s-objects.js';
import { apiResource } from './api-resources.js';
import type { Collection } from './collection.js';
import { ApiRequestError } from './http-get.js';
import { serviceSelects } from './label-selector.js';
import { podReferences } from './pod-references.js';

/** Small readers shared by the pod, workload and scan collectors. Each adds what it finds to the collection. */

const OWNER_KINDS = new Set(['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

export function controllerRef(object: K8sObject): { kind: string; name: string; uid?: string } | undefined {
  const refs = object.metadata.ownerReferences ?? [];
  return refs.find((ref) => ref.controller) ?? refs[0];
}

/** ReplicaSet → Deployment, Job → CronJob, ...: as far up as the built-in controllers go. */
export async function collectOwnerChain(c: Collection, object: K8sObject): Promise<K8sObject[]> {
  const chain: K8sObject[] = [];
  let current = object;
  for (let depth = 0; depth < 4; depth++) {
    const ref = controllerRef(current);
    if (!ref || !OWNER_KINDS.has(ref.kind)) break;
    const namespace = current.metadata.namespace;
    const plural = apiResource(ref.kind)?.plural ?? ref.kind;
    const owner = await c.attempt(`${ref.kind.toLowerCase()} ${namespace}/${ref.name}`, `${plural} "${ref.name}"`,
      () => c.reader.get(ref.kind, namespace, ref.name));
    if (!owner) break;
    c.add(owner);
    chain.push(owner);
    current = owner;
  }
  return chain;
}

export async function collectEvents(c: Collection, namespace: string, kind: string, name: string): Promise<void> {
  const events = await c.attempt(`events for ${kind.toLowerCase()} ${namespace}/${name}`, 'events',
    () => c.reader.events(namespace, { fields: { 'involvedObject.kind': kind, 'involvedObject.name': name } }));
  if (events) c.addEvents(events);
}

export async function collectNode(c: Collection, nodeName: string | undefined): Promise<void> {
  if (!nodeName || c.has('Node', undefined, nodeName)) return;
  const node = await c.attempt(`node ${nodeName}`, 'nodes', () => c.reader.get('Node', undefined, nodeName));
  if (node) c.add(node);
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 404;
}

async function collectNamed(c: Collection, kind: string, namespace: string | undefined, name: string): Promise<K8sObject | undefined> {
  if (c.has(kind, namespace, name)) return undefined;
  const plural = apiResource(kind)?.plural ?? kind;
  const label = kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const object = await c.attempt(`${label} ${namespace ? `${namespace}/` : ''}${name}`, `${plural} "${name}"`,
    () => c.reader.get(kind, namespace, name));
  if (object) c.add(object);
  return object;
}

/** ConfigMaps, Secrets (keys only: values are blanked when read), PVCs and their bound PVs. */
export async function collectReferences(c: Collection, namespace: string, spec: PodSpec | undefined): Promise<void> {
  const refs = podReferences(spec);
  await Promise.all([
    ...refs.configMaps.map((name) => collectNamed(c, 'ConfigMap', namespace, name)),
    ...refs.secrets.map((name) => collectNamed(c, 'Secret', namespace, name)),
    ...refs.claims.map(async (name) => {
      const claim = await collectNamed(c, 'PersistentVolumeClaim', namespace, name);
      const volumeName = (claim?.spec as { volumeName?: string } | undefined)?.volumeName;
      if (volumeName) await collectNamed(c, 'PersistentVolume', undefined, volumeName);
    }),
  ]);
}

/** Services whose selector picks these pods, and their Endpoints (an empty one explains "no endpoints"). */
export async function collectServices(c: Collection, namespace: string, labelSets: readonly (Record<string, string> | undefined)[]): Promise<void> {
  const services = await c.attempt(`services in ${namespace}`, 'services', () => c.reader.list('Service', namespace));
  const matching = (services ?? []).filter((service) =>
    labelSets.some((labels) => serviceSelects((service.spec as { selector?: Record<string, string> } | undefined)?.selector, labels)));
  await Promise.all(matching.map(async (service) => {
    c.add(service);
    await collectNamed(c, 'Endpoints', namespace, service.metadata.name);
  }));
}

export async function collectNamespacePolicies(c: Collection, namespace: string): Promise<void> {
  await Promise.all(['ResourceQuota', 'LimitRange'].map(async (kind) => {
    const plural = apiResource(kind)?.plural ?? kind;
    const items = await c.attempt(`${plural} in ${namespace}`, plural, () => c.reader.list(kind, namespace));
    for (const item of items ?? []) c.add(item);
  }));
}

/** CPU and memory per container from metrics.k8s.io; a cluster without metrics-server just has none. */
export async function collectMetrics(c: Collection, pod: Pod): Promise<void> {
  const namespace = pod.metadata.namespace ?? '';
  const notServed = (error: unknown) => error instanceof ApiRequestError && (error.status === 404 || error.status === 503);
  const raw = await c.attempt(`metrics for pod ${namespace}/${pod.metadata.name}`, 'pods.metrics.k8s.io',
    () => c.reader.podMetrics(namespace, pod.metadata.name), notServed);
  const containers = (raw as { containers?: { name: string; usage?: { cpu?: string; memory?: string } }[] } | undefined)?.containers;
  for (const container of containers ?? []) {
    c.metrics.push({
      pod: pod.metadata.name,
      container: container.name,
      ...(container.usage?.cpu ? { cpu: container.usage.cpu } : {}),
      ...(container.usage?.memory ? { memory: container.usage.memory } : {}),
    });
  }
}

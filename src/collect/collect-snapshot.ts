import { ClusterAccessError, TargetNotFoundError } from '../domain/errors.js';
import type { K8sObject, Pod, Workload } from '../domain/k8s-objects.js';
import type { Snapshot, Target } from '../domain/snapshot.js';
import { collectPodTarget } from './collect-pod.js';
import { collectWorkloadTarget } from './collect-workload.js';
import { Collection, DEFAULT_LIMITS, type CollectLimits, type Progress } from './collection.js';
import { ApiRequestError } from './http-get.js';
import { createKubeClient, type KubeClient, type KubeClientOptions } from './kube-client.js';
import { createLiveReader, type ObjectReader } from './object-reader.js';
import { targetHint } from './target-hint.js';

export interface CollectOptions extends KubeClientOptions {
  limits?: Partial<CollectLimits>;
}

/** Target, then its chain and what it uses, in a fixed order so snapshots diff cleanly. */
const KIND_ORDER = ['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Node',
  'PersistentVolumeClaim', 'PersistentVolume', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'ResourceQuota', 'LimitRange'];

function rank(object: K8sObject): number {
  const index = KIND_ORDER.indexOf(object.kind);
  return index === -1 ? KIND_ORDER.length : index;
}

/** `v1.30.2` from /version; the first request, so it also tells whether the cluster answers at all. */
export async function readServerVersion(client: KubeClient): Promise<string | undefined> {
  try {
    const version = (await client.getJson('/version')) as { gitVersion?: string };
    return version.gitVersion;
  } catch (error) {
    // Credentials that cannot be produced (exec plugin missing, token file unreadable) say so themselves.
    if (error instanceof ClusterAccessError) throw error;
    if (error instanceof ApiRequestError && (error.unreachable || error.reason === 'Timeout' || error.status === 401)) {
      // The request error already starts with "cannot reach <url>:"; keep only its cause.
      const cause = error.message.replace(/^cannot reach \S+: /, '');
      throw new ClusterAccessError(`cannot reach the Kubernetes API at ${client.server}: ${cause}. Check --context/--kubeconfig and that the cluster is up`, { cause: error });
    }
    return undefined;
  }
}

/** The target object itself; without it there is nothing to diagnose, so failures here stop the run. */
export async function readTarget(reader: ObjectReader, target: Target, server: string): Promise<K8sObject> {
  try {
    return await reader.get(target.kind, target.namespace, target.name);
  } catch (error) {
    if (error instanceof ClusterAccessError) throw error;
    if (error instanceof ApiRequestError && error.status === 404) {
      const hint = await targetHint(reader, target);
      throw new TargetNotFoundError(`${target.kind.toLowerCase()} "${target.name}" not found in namespace "${target.namespace}"${hint ? `; ${hint}` : ''}`);
    }
    if (error instanceof ApiRequestError && (error.status === 401 || error.status === 403)) {
      throw new ClusterAccessError(`${error.reason}: cannot get ${target.kind.toLowerCase()} ${target.namespace}/${target.name}; grant the read-only role in deploy/clusterrole.yaml`, { cause: error });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new ClusterAccessError(`cannot read ${target.kind.toLowerCase()} ${target.namespace}/${target.name} from ${server}: ${detail}`, { cause: error });
  }
}

/** Collects around an already-read target through any reader (live or scan's prefetched one). */
export async function collectAround(
  reader: ObjectReader,
  target: Target,
  targetObject: K8sObject,
  limits: CollectLimits,
  metadata: Snapshot['metadata'],
  progress?: Progress,
): Promise<Snapshot> {
  const collection = new Collection(reader, limits, progress);
  const now = Date.parse(metadata.collectedAt);
  if (target.kind === 'Pod') await collectPodTarget(collection, targetObject as Pod);
  else await collectWorkloadTarget(collection, targetObject as Workload, now);

  const [first, ...rest] = [...collection.objects.values()];
  const objects = first ? [first, ...rest.sort((a, b) => rank(a) - rank(b) || a.metadata.name.localeCompare(b.metadata.name))] : [];
  const events = [...collection.events.values()].sort((a, b) =>
    String(a.lastTimestamp ?? a.eventTime ?? '').localeCompare(String(b.lastTimestamp ?? b.eventTime ?? '')));
  const byPodContainer = (a: { pod: string; container: string }, b: { pod: string; container: string }) =>
    a.pod.localeCompare(b.pod) || a.container.localeCompare(b.container);
  return {
    apiVersion: 'k8sdiag/v1',
    kind: 'Snapshot',
    metadata,
    target,
    objects,
    events,
    logs: collection.logs.sort((a, b) => byPodContainer(a, b) || Number(b.previous) - Number(a.previous)),
    ...(collection.metrics.length > 0 ? { metrics: collection.metrics.sort(byPodContainer) } : {}),
    ...(collection.errors.length > 0 ? { collectionErrors: collection.errors.sort((a, b) => a.what.localeCompare(b.what)) } : {}),
  };
}

/** A target whose namespace, when left out, is the kubeconfig context's. */
export type TargetRequest = Omit<Target, 'namespace'> & { namespace?: string };

/** Reads one Pod or workload and everything that explains its state into a Snapshot (shared/spec §1). */
export async function collectSnapshot(request: TargetRequest, options: CollectOptions, progress?: Progress): Promise<Snapshot> {
  const client = await createKubeClient(options);
  const target: Target = { kind: request.kind, name: request.name, namespace: request.namespace ?? client.defaultNamespace };
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  progress?.(`connecting to ${client.server}`);
  const serverVersion = await readServerVersion(client);
  const reader = createLiveReader(client);
  const targetObject = await readTarget(reader, target, client.server);
  const metadata: Snapshot['metadata'] = {
    collectedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(client.context ? { context: client.context } : {}),
    ...(serverVersion ? { serverVersion } : {}),
  };
  return collectAround(reader, target, targetObject, limits, metadata, progress);
}

import { ClusterAccessError } from '../domain/errors.js';
import type { ClusterEvent, K8sObject } from '../domain/k8s-objects.js';
import type { CollectionError, Snapshot } from '../domain/snapshot.js';
import { collectAround, readServerVersion, type CollectOptions } from './collect-snapshot.js';
import { DEFAULT_LIMITS, failureReason, type Progress } from './collection.js';
import { ApiRequestError } from './http-get.js';
import { createKubeClient } from './kube-client.js';
import { createLiveReader } from './object-reader.js';
import { PrefetchedReader } from './prefetched-reader.js';
import { scanGroups, type ScanGroup } from './scan-groups.js';

export interface ScanScope {
  /** Undefined with `allNamespaces`; otherwise the namespace (the context's when not given). */
  namespace?: string;
  allNamespaces: boolean;
}

export interface ScanResult {
  scope: string;
  podsSeen: number;
  entries: { group: ScanGroup; snapshot: Snapshot }[];
  /** Lists that could not be read for the whole scope. */
  errors: CollectionError[];
}

const PREFETCH_KINDS = ['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job'] as const;
/** Targets collected at once; each also bounds its own requests, so the API server sees at most their product. */
const GROUP_CONCURRENCY = 8;

/**
 * `scan`: one list per kind for the whole scope, cheap triage, then a snapshot per unhealthy group
 * built mostly from those lists. Healthy pods cost nothing beyond the lists.
 */
export async function scanCluster(scope: ScanScope, options: CollectOptions, progress?: Progress): Promise<ScanResult> {
  const client = await createKubeClient(options);
  const serverVersion = await readServerVersion(client);
  const live = createLiveReader(client);
  const namespace = scope.allNamespaces ? undefined : scope.namespace ?? client.defaultNamespace;
  const scopeLabel = namespace ? `namespace ${namespace}` : 'all namespaces';
  const errors: CollectionError[] = [];
  progress?.(`listing pods and workloads in ${scopeLabel}`);

  const lists = new Map<string, readonly K8sObject[]>();
  let events: ClusterEvent[] | undefined;
  await Promise.all([
    ...PREFETCH_KINDS.map(async (kind) => {
      try {
        lists.set(kind, await live.list(kind, namespace));
      } catch (error) {
        if (kind === 'Pod') {
          throw new ClusterAccessError(`cannot list pods in ${scopeLabel}: ${failureReason(error, 'pods')}`, { cause: error });
        }
        errors.push({ what: `${kind.toLowerCase()}s in ${scopeLabel}`, reason: failureReason(error, kind.toLowerCase()) });
      }
    }),
    live.events(namespace).then((list) => { events = list; }, (error: unknown) => {
      errors.push({ what: `events in ${scopeLabel}`, reason: failureReason(error, 'events') });
    }),
    live.list('Node', undefined).then((nodes) => { lists.set('Node', nodes); }, (error: unknown) => {
      if (!(error instanceof ApiRequestError && error.status === 403)) errors.push({ what: 'nodes', reason: failureReason(error, 'nodes') });
    }),
  ]);

  const collectedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const metadata: Snapshot['metadata'] = {
    collectedAt,
    ...(client.context ? { context: client.context } : {}),
    ...(serverVersion ? { serverVersion } : {}),
  };
  const groups = scanGroups(lists, Date.parse(collectedAt));
  const reader = new PrefetchedReader(live, lists, events);
  const limits = { ...DEFAULT_LIMITS, tailLines: 150, concurrency: 4, maxLogPods: 1, ...options.limits };

  const entries: ScanResult['entries'] = new Array(groups.length);
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const index = next++;
      const group = groups[index] as ScanGroup;
      progress?.(`collecting ${group.target.kind.toLowerCase()} ${group.target.namespace}/${group.target.name} (${index + 1}/${groups.length})`);
      const snapshot = await collectAround(reader, group.target, group.targetObject, limits, metadata);
      if (errors.length > 0) snapshot.collectionErrors = [...(snapshot.collectionErrors ?? []), ...errors];
      entries[index] = { group, snapshot };
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUP_CONCURRENCY, groups.length) }, worker));
  return { scope: scopeLabel, podsSeen: lists.get('Pod')?.length ?? 0, entries, errors };
}

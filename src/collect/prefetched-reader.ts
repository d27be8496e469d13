import type { ClusterEvent, K8sObject } from '../domain/k8s-objects.js';
import { apiResource } from './api-resources.js';
import { ApiRequestError } from './http-get.js';
import { matchesFilter } from './list-filter.js';
import type { ListFilter, ObjectReader } from './object-reader.js';

/**
 * Scan reads each kind once for the whole scope, then diagnoses many targets. This reader answers
 * from those lists (filtering locally just as the API server would), asks the live reader for
 * anything else, and reuses each live answer, so N failing pods in one namespace cost one
 * Service list, not N.
 */
export class PrefetchedReader implements ObjectReader {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly live: ObjectReader,
    /** Objects by kind, for the kinds read up front; a kind missing here goes to the live reader. */
    private readonly lists: ReadonlyMap<string, readonly K8sObject[]>,
    private readonly prefetchedEvents: readonly ClusterEvent[] | undefined,
  ) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let promise = this.memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = load();
      this.memo.set(key, promise);
    }
    return promise;
  }

  async get(kind: string, namespace: string | undefined, name: string): Promise<K8sObject> {
    const list = this.lists.get(kind);
    if (!list) return this.once(`get/${kind}/${namespace ?? ''}/${name}`, () => this.live.get(kind, namespace, name));
    const found = list.find((o) => o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
    if (!found) {
      const plural = apiResource(kind)?.plural ?? kind;
      throw new ApiRequestError(`${plural} "${name}" not found`, 'NotFound', 404);
    }
    return found;
  }

  async list(kind: string, namespace: string | undefined, filter?: ListFilter): Promise<K8sObject[]> {
    const list = this.lists.get(kind);
    if (list) return list.filter((o) => matchesFilter(o, namespace, filter));
    return this.once(`list/${kind}/${namespace ?? ''}/${JSON.stringify(filter ?? {})}`, () => this.live.list(kind, namespace, filter));
  }

  async events(namespace: string | undefined, filter?: ListFilter): Promise<ClusterEvent[]> {
    if (this.prefetchedEvents) return this.prefetchedEvents.filter((e) => matchesFilter(e, namespace, filter));
    return this.live.events(namespace, filter);
  }

  log: ObjectReader['log'] = (request) => this.live.log(request);
  podMetrics: ObjectReader['podMetrics'] = (namespace, name) => this.live.podMetrics(namespace, name);
}

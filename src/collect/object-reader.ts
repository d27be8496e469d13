import type { ClusterEvent, K8sObject, LabelSelector } from '../domain/k8s-objects.js';
import { apiResource, resourcePath } from './api-resources.js';
import { eventsV1FieldSelector, toCoreEvent } from './events-v1.js';
import { ApiRequestError } from './http-get.js';
import type { KubeClient, Query } from './kube-client.js';
import { selectorToQuery } from './label-selector.js';
import { matchesFilter } from './list-filter.js';
import { listItems, sanitizeObject } from './sanitize-object.js';

export interface ListFilter {
  labels?: LabelSelector;
  /** Exact-match field selectors, e.g. `involvedObject.name`. */
  fields?: Record<string, string>;
}

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  tailLines: number;
  limitBytes: number;
}

/** Read-only access by kind; the live one talks to the API server, scan's answers from prefetched lists first. */
export interface ObjectReader {
  get(kind: string, namespace: string | undefined, name: string): Promise<K8sObject>;
  /** `namespace` undefined lists across all namespaces. */
  list(kind: string, namespace: string | undefined, filter?: ListFilter): Promise<K8sObject[]>;
  events(namespace: string | undefined, filter?: ListFilter): Promise<ClusterEvent[]>;
  log(request: LogRequest): Promise<{ text: string; truncated: boolean }>;
  /** Raw metrics.k8s.io PodMetrics. */
  podMetrics(namespace: string, name: string): Promise<unknown>;
}

function resourceOf(kind: string) {
  const resource = apiResource(kind);
  if (!resource) throw new Error(`no API resource known for kind ${kind}`);
  return resource;
}

function filterQuery(filter: ListFilter | undefined): Record<string, string | undefined> {
  const fields = Object.entries(filter?.fields ?? {}).map(([key, value]) => `${key}=${value}`).join(',');
  return { labelSelector: selectorToQuery(filter?.labels), fieldSelector: fields || undefined };
}

/** Page size as kubectl uses it: big lists arrive in pieces instead of one huge response. */
export const PAGE_SIZE = 500;
/** 200 pages of 500 is 100,000 objects of one kind; past that the list is cut, not looped forever. */
const MAX_PAGES = 200;

/**
 * Every item of a list, following `metadata.continue`. An expired continue token (410 Gone, the
 * list outlived etcd compaction) restarts once as a single unpaginated list, as client-go's pager does.
 */
export async function listAll(client: KubeClient, path: string, query: Query): Promise<unknown[]> {
  const items: unknown[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let raw: { items?: unknown[]; metadata?: { continue?: string } } | undefined;
    try {
      raw = (await client.getJson(path, { ...query, limit: PAGE_SIZE, continue: token })) as typeof raw;
    } catch (error) {
      if (!(token && error instanceof ApiRequestError && error.status === 410)) throw error;
      const whole = (await client.getJson(path, query)) as typeof raw;
      return whole?.items ?? [];
    }
    items.push(...(raw?.items ?? []));
    token = raw?.metadata?.continue || undefined;
    if (!token) break;
  }
  return items;
}

export function createLiveReader(client: KubeClient): ObjectReader {
  return {
    async get(kind, namespace, name) {
      const resource = resourceOf(kind);
      return sanitizeObject(await client.getJson(resourcePath(resource, namespace, name)), resource.kind, resource.apiVersion);
    },
    async list(kind, namespace, filter) {
      const resource = resourceOf(kind);
      const raw = { items: await listAll(client, resourcePath(resource, namespace), filterQuery(filter)) };
      // Filter again locally: a proxy or a minimal API server may ignore the selectors, and an
      // unrelated pod in the snapshot would be diagnosed as a sibling.
      return listItems(raw, resource.kind, resource.apiVersion).filter((o) => matchesFilter(o, namespace, filter));
    },
    async events(namespace, filter) {
      let events: ClusterEvent[];
      try {
        const items = await listAll(client, resourcePath(resourceOf('Event'), namespace), filterQuery(filter));
        events = listItems({ items }, 'Event', 'v1') as unknown as ClusterEvent[];
      } catch (error) {
        // core/v1 events are served on every supported version; a proxy or aggregated front end
        // that only passes events.k8s.io/v1 still gets read, then shaped like core/v1.
        if (!(error instanceof ApiRequestError && error.status === 404)) throw error;
        const path = `/apis/events.k8s.io/v1${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/events`;
        const v1Filter = { ...filter, ...(filter?.fields ? { fields: eventsV1FieldSelector(filter.fields) } : {}) };
        events = (await listAll(client, path, filterQuery(v1Filter))).map(toCoreEvent);
      }
      return events.filter((e) => matchesFilter(e, namespace, filter));
    },
    async log(request) {
      const path = `${resourcePath(resourceOf('Pod'), request.namespace, request.pod)}/log`;
      // One byte over the limit tells us whether the log went on past it.
      const query = { container: request.container, previous: request.previous, tailLines: request.tailLines, limitBytes: request.limitBytes + 1 };
      return client.getText(path, query, request.limitBytes);
    },
    async podMetrics(namespace, name) {
      return client.getJson(resourcePath(resourceOf('PodMetrics'), namespace, name));
    },
  };
}

import type { ClusterEvent, K8sObject, LabelSelector } from '../domain/k8s-objects.js';
import { apiResource, resourcePath } from './api-resources.js';
import type { KubeClient } from './kube-client.js';
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

export function createLiveReader(client: KubeClient): ObjectReader {
  return {
    async get(kind, namespace, name) {
      const resource = resourceOf(kind);
      return sanitizeObject(await client.getJson(resourcePath(resource, namespace, name)), resource.kind, resource.apiVersion);
    },
    async list(kind, namespace, filter) {
      const resource = resourceOf(kind);
      const raw = await client.getJson(resourcePath(resource, namespace), filterQuery(filter));
      // Filter again locally: a proxy or a minimal API server may ignore the selectors, and an
      // unrelated pod in the snapshot would be diagnosed as a sibling.
      return listItems(raw, resource.kind, resource.apiVersion).filter((o) => matchesFilter(o, namespace, filter));
    },
    async events(namespace, filter) {
      const raw = await client.getJson(resourcePath(resourceOf('Event'), namespace), filterQuery(filter));
      return (listItems(raw, 'Event', 'v1') as unknown as ClusterEvent[]).filter((e) => matchesFilter(e, namespace, filter));
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

import type { K8sObject } from '../domain/k8s-objects.js';
import { selectorMatches } from './label-selector.js';
import type { ListFilter } from './object-reader.js';

function fieldValue(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);
}

/** What the API server's labelSelector/fieldSelector and namespace scoping would keep. */
export function matchesFilter(object: unknown, namespace: string | undefined, filter: ListFilter | undefined): boolean {
  const meta = (object as K8sObject).metadata;
  if (namespace !== undefined && meta?.namespace !== undefined && meta.namespace !== namespace) return false;
  if (filter?.labels && !selectorMatches(filter.labels, meta?.labels)) return false;
  return Object.entries(filter?.fields ?? {}).every(([path, value]) => fieldValue(object, path) === value);
}

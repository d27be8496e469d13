import type { K8sObject } from '../domain/k8s-objects.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Turns one raw API object (or list item, which lacks kind/apiVersion) into what the snapshot stores.
 * managedFields go because `kubectl get -o json` hides them too; the last-applied annotation goes
 * because it repeats the manifest and, for Secrets, their values. Secret values are replaced by ""
 * here, before anything else can see them: only key names travel.
 */
export function sanitizeObject(raw: unknown, kind: string, apiVersion: string): K8sObject {
  const object = { ...(raw as Record<string, unknown>) };
  object.kind = typeof object.kind === 'string' && object.kind ? object.kind : kind;
  object.apiVersion = typeof object.apiVersion === 'string' && object.apiVersion ? object.apiVersion : apiVersion;
  const metadata = { ...((object.metadata ?? {}) as Record<string, unknown>) };
  delete metadata.managedFields;
  if (metadata.annotations && typeof metadata.annotations === 'object') {
    const annotations = { ...(metadata.annotations as Record<string, string>) };
    delete annotations[LAST_APPLIED];
    metadata.annotations = annotations;
  }
  object.metadata = metadata;
  if (object.kind === 'Secret') {
    for (const field of ['data', 'binaryData'] as const) {
      const values = object[field];
      if (values && typeof values === 'object') {
        object[field] = Object.fromEntries(Object.keys(values).map((key) => [key, '']));
      }
    }
    delete object.stringData;
  }
  return object as unknown as K8sObject;
}

/** The items of a raw `*List` response, each completed with its kind and apiVersion. */
export function listItems(raw: unknown, kind: string, apiVersion: string): K8sObject[] {
  const items = (raw as { items?: unknown[] } | undefined)?.items ?? [];
  return items.map((item) => sanitizeObject(item, kind, apiVersion));
}

import { z } from 'zod';
import type { ClusterEvent, K8sObject } from './k8s-objects.js';
import { OBJECT_SCHEMAS } from './k8s-object-schemas.js';

/** Shared/spec §1. Objects stay raw API JSON; only the fields the pipeline relies on are checked. */

export const TARGET_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job'] as const;
export const targetKindSchema = z.enum(TARGET_KINDS);
export type TargetKind = z.infer<typeof targetKindSchema>;

export const targetSchema = z.object({
  kind: targetKindSchema,
  namespace: z.string().min(1),
  name: z.string().min(1),
});
export type Target = z.infer<typeof targetSchema>;

const objectMetaSchema = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
});

export const k8sObjectSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().min(1),
  metadata: objectMetaSchema,
});

const nullableString = z.string().nullable().optional();

export const clusterEventSchema = z.looseObject({
  metadata: z.looseObject({}).optional(),
  involvedObject: z.looseObject({
    kind: z.string().optional(),
    name: z.string().optional(),
    namespace: z.string().optional(),
    fieldPath: z.string().optional(),
  }),
  reason: z.string().optional(),
  message: z.string().nullable().optional(),
  type: z.string().optional(),
  count: z.number().nullable().optional(),
  firstTimestamp: nullableString,
  lastTimestamp: nullableString,
  eventTime: nullableString,
  series: z.looseObject({ count: z.number().optional(), lastObservedTime: z.string().optional() }).nullable().optional(),
});

export const logExcerptSchema = z.object({
  pod: z.string().min(1),
  container: z.string().min(1),
  previous: z.boolean(),
  text: z.string(),
  truncated: z.boolean().default(false),
});
export type LogExcerpt = z.infer<typeof logExcerptSchema>;

export const podMetricSchema = z.object({
  pod: z.string(),
  container: z.string(),
  cpu: z.string().optional(),
  memory: z.string().optional(),
});
export type PodMetric = z.infer<typeof podMetricSchema>;

export const collectionErrorSchema = z.object({
  what: z.string(),
  reason: z.string(),
});
export type CollectionError = z.infer<typeof collectionErrorSchema>;

export const snapshotSchema = z.object({
  apiVersion: z.literal('k8sdiag/v1'),
  kind: z.literal('Snapshot'),
  metadata: z.looseObject({
    collectedAt: z.string().min(1),
    context: z.string().optional(),
    serverVersion: z.string().optional(),
  }),
  target: targetSchema,
  objects: z.array(k8sObjectSchema),
  events: z.array(clusterEventSchema).default([]),
  logs: z.array(logExcerptSchema).default([]),
  metrics: z.array(podMetricSchema).optional(),
  collectionErrors: z.array(collectionErrorSchema).optional(),
}).superRefine((snapshot, ctx) => {
  snapshot.objects.forEach((object, index) => {
    const schema = OBJECT_SCHEMAS[object.kind];
    const result = schema?.safeParse(object);
    for (const issue of result && !result.success ? result.error.issues : []) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: ['objects', index, ...issue.path] });
    }
  });
});

/** The validated snapshot, with objects and events typed as the loose API views. */
export type Snapshot = Omit<z.infer<typeof snapshotSchema>, 'objects' | 'events'> & {
  objects: K8sObject[];
  events: ClusterEvent[];
};

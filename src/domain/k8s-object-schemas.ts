import { z } from 'zod';

/**
 * Typed checks for the fields the pipeline reads from raw API objects. Everything else is
 * passed through untouched; a wrong type in one of these fields is a bad snapshot, reported
 * with its path, instead of a wrong diagnosis later.
 */

const time = z.string().nullable().optional();

const stateSchema = z.looseObject({
  waiting: z.looseObject({ reason: z.string().optional(), message: z.string().optional() }).optional(),
  running: z.looseObject({ startedAt: time }).optional(),
  terminated: z
    .looseObject({ exitCode: z.number().int(), reason: z.string().optional(), message: z.string().optional(), startedAt: time, finishedAt: time })
    .optional(),
});

const containerStatusSchema = z.looseObject({
  name: z.string(),
  ready: z.boolean(),
  restartCount: z.number().int().min(0),
  state: stateSchema.optional(),
  lastState: stateSchema.optional(),
});

const containerSchema = z.looseObject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
});

const conditionSchema = z.looseObject({ type: z.string(), status: z.string() });

export const podObjectSchema = z.looseObject({
  spec: z
    .looseObject({ containers: z.array(containerSchema), initContainers: z.array(containerSchema).optional(), nodeName: z.string().optional() })
    .optional(),
  status: z
    .looseObject({
      phase: z.string().optional(),
      reason: z.string().optional(),
      conditions: z.array(conditionSchema).optional(),
      containerStatuses: z.array(containerStatusSchema).optional(),
      initContainerStatuses: z.array(containerStatusSchema).optional(),
    })
    .optional(),
});

export const workloadObjectSchema = z.looseObject({
  spec: z.looseObject({ replicas: z.number().int().min(0).optional() }).optional(),
  status: z
    .looseObject({
      replicas: z.number().int().optional(),
      readyReplicas: z.number().int().optional(),
      availableReplicas: z.number().int().optional(),
      unavailableReplicas: z.number().int().optional(),
      conditions: z.array(conditionSchema).optional(),
    })
    .optional(),
});

export const nodeObjectSchema = z.looseObject({
  spec: z.looseObject({ taints: z.array(z.looseObject({ key: z.string(), effect: z.string() })).optional() }).optional(),
  status: z.looseObject({ conditions: z.array(conditionSchema).optional() }).optional(),
});

/** Per-kind schemas; kinds not listed are only checked for kind and metadata.name. */
export const OBJECT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  Pod: podObjectSchema,
  Deployment: workloadObjectSchema,
  ReplicaSet: workloadObjectSchema,
  StatefulSet: workloadObjectSchema,
  DaemonSet: z.looseObject({ status: z.looseObject({ conditions: z.array(conditionSchema).optional() }).optional() }),
  Job: z.looseObject({ status: z.looseObject({ conditions: z.array(conditionSchema).optional(), failed: z.number().int().optional(), succeeded: z.number().int().optional() }).optional() }),
  Node: nodeObjectSchema,
};

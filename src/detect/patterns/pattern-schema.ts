import { z } from 'zod';
import { categorySchema, severitySchema } from '../../domain/categories.js';

/**
 * The shape of one investigation pattern file in `patterns/*.yaml`.
 * Objects are strict so a misspelt field fails at load instead of being ignored.
 */

/** Where a signature looks. Each maps to an Evidence source of the same name. */
export const SIGNATURE_SOURCES = ['event', 'status', 'log', 'spec', 'node'] as const;
export const signatureSourceSchema = z.enum(SIGNATURE_SOURCES);
export type SignatureSource = z.infer<typeof signatureSourceSchema>;

/** Placeholders every fix and description may use; regex named groups add more. */
export const STANDARD_PLACEHOLDERS = ['namespace', 'pod', 'container', 'workload', 'node', 'image'] as const;

const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, dashes)');

export const signatureSchema = z
  .strictObject({
    where: signatureSourceSchema,
    /** Case-insensitive regular expression, matched against one line or message at a time. */
    regex: z.string().min(1).max(400).optional(),
    /** Case-insensitive substring; simpler and safer than a regex when it is enough. */
    contains: z.string().min(1).max(400).optional(),
    /** For `where: event`: only events with one of these reasons. */
    eventReasons: z.array(z.string().min(1)).min(1).optional(),
    /** For status, spec and log: only init containers (`init`) or only the others (`app`). */
    containers: z.enum(['init', 'app']).optional(),
    /** How strongly this line alone points at the cause, 0..1. */
    weight: z.number().min(0).max(1).default(0.6),
  })
  .refine((s) => (s.regex === undefined) !== (s.contains === undefined), {
    message: 'give exactly one of regex or contains',
  });
export type Signature = z.infer<typeof signatureSchema>;

export const conditionTriggerSchema = z.strictObject({
  type: z.string().min(1),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().min(1).optional(),
});
export type ConditionTrigger = z.infer<typeof conditionTriggerSchema>;

const names = z.array(z.string().min(1)).min(1).optional();

export const triggersSchema = z
  .strictObject({
    /** Current waiting reason of a container (`CrashLoopBackOff`, `ErrImagePull`...). */
    waitingReasons: names,
    /** Terminated reason in the current or last state (`OOMKilled`, `Error`, `StartError`...). */
    terminatedReasons: names,
    /** Non-zero exit codes in the current or last terminated state. */
    exitCodes: z.array(z.number().int()).min(1).optional(),
    /** Reasons of Warning events about the target, its owners, its node or claims. */
    eventReasons: names,
    podPhases: names,
    /** `status.reason` of a pod (`Evicted`, `NodeLost`...). */
    podReasons: names,
    /** Pod conditions. */
    conditions: z.array(conditionTriggerSchema).min(1).optional(),
    /** Conditions of the target workload and its ReplicaSets. */
    workloadConditions: z.array(conditionTriggerSchema).min(1).optional(),
    /** Regexes over the log lines of troubled containers. */
    logPatterns: z.array(z.string().min(1).max(400)).min(1).optional(),
    /** Container-level triggers look at init containers instead of app containers. */
    initContainers: z.boolean().optional(),
    /** The pod has a deletionTimestamp. */
    deleting: z.boolean().optional(),
  })
  .refine(
    (t) => Object.entries(t).some(([key, value]) => key !== 'initContainers' && value !== undefined && value !== false),
    { message: 'a pattern needs at least one trigger' },
  );
export type Triggers = z.infer<typeof triggersSchema>;

export const fixTemplateSchema = z.strictObject({
  description: z.string().min(1),
  /** Shell command; `{namespace}`, `{pod}`, `{container}`, `{workload}`, `{node}`, `{image}` and named groups are filled in. */
  command: z.string().min(1).optional(),
});
export type FixTemplate = z.infer<typeof fixTemplateSchema>;

export const causeCategorySchema = categorySchema.exclude(['healthy', 'unknown']);

export const causeSchema = z.strictObject({
  id: kebabId,
  title: z.string().min(1).max(120),
  description: z.string().min(1),
  category: causeCategorySchema,
  severity: severitySchema.default('critical'),
  /** `any`: one signature is enough; `all`: every signature must match. */
  match: z.enum(['any', 'all']).default('any'),
  signatures: z.array(signatureSchema).min(1),
  /** If one of these matches, this cause is ruled out. */
  unless: z.array(signatureSchema).min(1).optional(),
  fix: fixTemplateSchema,
});
export type Cause = z.infer<typeof causeSchema>;

export const investigationStepSchema = z.strictObject({
  look: z.string().min(1),
  lookFor: z.string().min(1),
  command: z.string().min(1).optional(),
});
export type InvestigationStep = z.infer<typeof investigationStepSchema>;

export const patternSchema = z.strictObject({
  id: kebabId,
  name: z.string().min(1),
  description: z.string().min(1),
  triggers: triggersSchema,
  symptoms: z.array(z.string().min(1)).min(1),
  investigation: z.array(investigationStepSchema).min(1),
  causes: z.array(causeSchema).min(1),
  references: z.array(z.string().min(1)).default([]),
});
export type Pattern = z.infer<typeof patternSchema>;

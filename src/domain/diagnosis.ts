import { z } from 'zod';
import { categorySchema, severitySchema, statusSchema } from './categories.js';
import { targetSchema } from './snapshot.js';

/** Shared/spec §2. Extra fields are additions the spec allows; none of the spec's are renamed. */

export const EVIDENCE_SOURCES = ['status', 'event', 'log', 'spec', 'metric', 'node'] as const;
export const evidenceSourceSchema = z.enum(EVIDENCE_SOURCES);
export type EvidenceSource = z.infer<typeof evidenceSourceSchema>;

export const evidenceSchema = z.object({
  source: evidenceSourceSchema,
  text: z.string(),
  /** Where exactly it came from, e.g. `pod/web-1 container app (previous log)` or `event FailedScheduling`. */
  location: z.string().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const fixSchema = z.object({
  description: z.string(),
  command: z.string().optional(),
  patch: z.string().optional(),
});
export type Fix = z.infer<typeof fixSchema>;

export const findingSchema = z.object({
  category: categorySchema,
  severity: severitySchema,
  container: z.string().nullable().optional(),
  title: z.string(),
  rootCause: z.string(),
  evidence: z.array(evidenceSchema),
  fixes: z.array(fixSchema),
  detectors: z.array(z.string()),
  patterns: z.array(z.string()).default([]),
  /** Stable across runs for the same problem: used by scan, `.k8sdiagignore` and `--baseline`. */
  fingerprint: z.string().optional(),
  /** How sure the detector is of this finding alone, 0..1. */
  confidence: z.number().min(0).max(1).optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const referenceSchema = z.object({
  title: z.string(),
  source: z.string(),
  heading: z.string().optional(),
  score: z.number(),
});
export type Reference = z.infer<typeof referenceSchema>;

export const llmInfoSchema = z.looseObject({
  provider: z.string(),
  model: z.string(),
  route: z.enum(['simple', 'reasoning']),
  complexity: z.number(),
  thinking: z.string().optional(),
  tokens: z.looseObject({ input: z.number().optional(), output: z.number().optional() }).optional(),
});
export type LlmInfo = z.infer<typeof llmInfoSchema>;

export const warningSchema = z.object({
  source: z.string(),
  message: z.string(),
});
export type Warning = z.infer<typeof warningSchema>;

export const diagnosisSchema = z.object({
  apiVersion: z.literal('k8sdiag/v1'),
  kind: z.literal('Diagnosis'),
  target: targetSchema,
  status: statusSchema,
  category: categorySchema,
  confidence: z.number().min(0).max(1),
  summary: z.string(),
  findings: z.array(findingSchema),
  references: z.array(referenceSchema).default([]),
  llm: llmInfoSchema.nullable().default(null),
  /** When the evidence supports no category: what to collect next. Also other plain-language notes. */
  notes: z.array(z.string()).optional(),
  collectionErrors: z.array(z.object({ what: z.string(), reason: z.string() })).optional(),
  warnings: z.array(warningSchema).optional(),
  snapshot: z.object({ collectedAt: z.string(), context: z.string().optional() }).optional(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

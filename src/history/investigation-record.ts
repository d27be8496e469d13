import { z } from 'zod';
import { categorySchema, statusSchema } from '../domain/categories.js';
import { diagnosisSchema, findingSchema } from '../domain/diagnosis.js';
import { targetSchema } from '../domain/snapshot.js';

/** One recorded diagnosis. Every string in it has been through redact() before it was stored. */
export const investigationRecordSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  target: targetSchema,
  /** sha256 of the canonical snapshot JSON: the same cluster state gives the same digest. */
  snapshotDigest: z.string(),
  status: statusSchema,
  category: categorySchema,
  confidence: z.number(),
  technique: z.string(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  findings: z.array(findingSchema),
  diagnosis: diagnosisSchema,
  rating: z.number().int().min(1).max(5).nullable(),
  note: z.string().nullable(),
  correctCategory: categorySchema.nullable(),
  ratedAt: z.string().nullable(),
});
export type InvestigationRecord = z.infer<typeof investigationRecordSchema>;

export interface Feedback {
  rating: number;
  note?: string;
  correctCategory?: z.infer<typeof categorySchema>;
}

/** The category a person confirmed, else the one the tool answered. */
export function effectiveCategory(record: InvestigationRecord): InvestigationRecord['category'] {
  return record.correctCategory ?? record.category;
}

import { z } from 'zod';
import { categorySchema, statusSchema } from '../domain/categories.js';

/** What a correct diagnosis of one labeled scenario must say. Matching is case-insensitive substring. */
export const scenarioLabelSchema = z.strictObject({
  category: categorySchema,
  status: statusSchema.optional(),
  /** Substrings that the diagnosis' evidence must contain, all of them. */
  evidence: z.array(z.string().min(1)).default([]),
  /** Substrings that the fixes must mention, all of them. */
  fix: z.array(z.string().min(1)).default([]),
  tricky: z.boolean().default(false),
  notes: z.string().min(1),
});
export type ScenarioLabel = z.infer<typeof scenarioLabelSchema>;

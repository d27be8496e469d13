import { z } from 'zod';
import { categorySchema, severitySchema } from '../domain/categories.js';
import { evidenceSourceSchema } from '../domain/diagnosis.js';

/**
 * What the model must return: the Diagnosis finding fields, every one required (nullable
 * where optional) so the same schema works as an OpenAI strict json_schema, an Anthropic tool
 * input and an Ollama `format`.
 */
export const llmAnswerSchema = z.object({
  category: categorySchema,
  severity: severitySchema,
  container: z.string().nullable(),
  title: z.string().min(1),
  summary: z.string().min(1).describe('One sentence a person reads first.'),
  rootCause: z.string().min(1),
  evidence: z
    .array(z.object({ source: evidenceSourceSchema, text: z.string().min(1).describe('Quoted verbatim from the data.') }))
    .describe('Quotes copied exactly from the status, events or logs given.'),
  fixes: z.array(z.object({ description: z.string().min(1), command: z.string().nullable() })),
  confidence: z.number().min(0).max(1),
  disagreement: z
    .string()
    .nullable()
    .describe('If your category differs from the rules\' draft, why the evidence supports yours; otherwise null.'),
});
export type LlmAnswer = z.infer<typeof llmAnswerSchema>;

export const ANSWER_TOOL_NAME = 'report_diagnosis';

export function llmAnswerJsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(llmAnswerSchema) as Record<string, unknown>;
  return schema;
}

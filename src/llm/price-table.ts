import { z } from 'zod';
import prices from './prices.json' with { type: 'json' };
import type { TokenUsage } from './language-model.js';

const priceSchema = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() });
const priceTableSchema = z.object({
  note: z.string().optional(),
  models: z.record(z.string(), priceSchema),
  freeProviders: z.array(z.string()),
});
export type PriceTable = z.infer<typeof priceTableSchema>;

/** The shipped table, validated: a bad edit to prices.json fails loudly, naming the field. */
export function loadPriceTable(data: unknown = prices): PriceTable {
  const parsed = priceTableSchema.safeParse(data);
  if (!parsed.success) throw new Error(`src/llm/prices.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** USD for this usage, or undefined when the model is not in the table (the caller warns). */
export function costOf(table: PriceTable, provider: string, modelId: string, usage: TokenUsage): number | undefined {
  if (table.freeProviders.includes(provider)) return 0;
  const price = table.models[`${provider}:${modelId}`];
  if (!price) return undefined;
  return (usage.input * price.input + usage.output * price.output) / 1_000_000;
}

import { z } from 'zod';

/** One piece of a markdown document, as stored next to the vector index and searched. */
export const chunkSchema = z.object({
  /** Position in the index; also the HNSW label. */
  id: z.number().int().nonnegative(),
  /** File path relative to the docs dir, with forward slashes. */
  source: z.string().min(1),
  title: z.string(),
  /** Headings from the top of the document down to this chunk, without the title. */
  headingPath: z.array(z.string()),
  categories: z.array(z.string()),
  tags: z.array(z.string()),
  text: z.string(),
});
export type Chunk = z.infer<typeof chunkSchema>;

/** A chunk returned by a search, best first; `score` is the technique's own scale, higher is better. */
export interface Passage {
  chunk: Chunk;
  score: number;
}

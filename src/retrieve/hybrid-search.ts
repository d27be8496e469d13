import type { Chunk } from '../domain/passage.js';

export interface RankedId {
  id: number;
  score: number;
}

/** RRF's usual constant: damps the gap between the first few ranks so one list cannot dominate. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list contributes weight / (k + rank) per id. Only ranks matter, so
 * BM25 scores and cosine similarities combine without calibration. Ties keep the lower id first.
 */
export function reciprocalRankFusion(lists: readonly (readonly RankedId[])[], weights: readonly number[] = [], k = RRF_K): RankedId[] {
  const fused = new Map<number, number>();
  lists.forEach((list, listIndex) => {
    const weight = weights[listIndex] ?? 1;
    list.forEach((item, rank) => fused.set(item.id, (fused.get(item.id) ?? 0) + weight / (k + rank + 1)));
  });
  return [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

export interface MetadataFilter {
  /** Keep chunks whose front matter lists this category. */
  category?: string;
  /** Keep chunks whose source path starts with this prefix (a folder or a file). */
  source?: string;
}

export function chunkFilter(chunks: readonly Chunk[], filter: MetadataFilter | undefined): ((id: number) => boolean) | undefined {
  if (!filter?.category && !filter?.source) return undefined;
  const { category, source } = filter;
  return (id) => {
    const chunk = chunks[id];
    if (!chunk) return false;
    if (category && !chunk.categories.includes(category)) return false;
    if (source && !chunk.source.startsWith(source.replace(/^\.\//, ''))) return false;
    return true;
  };
}

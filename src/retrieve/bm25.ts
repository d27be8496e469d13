import type { Chunk } from '../domain/passage.js';
import { chunkSearchText } from './chunk-markdown.js';
import { tokenize } from './tokenize.js';

export interface Bm25Hit {
  id: number;
  score: number;
}

export interface Bm25Index {
  search(query: string, k: number, filter?: (id: number) => boolean): Bm25Hit[];
}

const K1 = 1.2;
const B = 0.75;
/** Title and heading words say what a chunk is about, so they count as if written this many times. */
const HEADING_BOOST = 3;

/** Okapi BM25 over the same chunk text the embedder sees, with an inverted index for speed. */
export function buildBm25(chunks: readonly Chunk[]): Bm25Index {
  const postings = new Map<string, { id: number; tf: number }[]>();
  const lengths = new Float64Array(chunks.length);
  for (const chunk of chunks) {
    const counts = new Map<string, number>();
    for (const term of tokenize(chunkSearchText(chunk))) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const term of tokenize([chunk.title, ...chunk.headingPath].join(' '))) counts.set(term, (counts.get(term) ?? 0) + HEADING_BOOST - 1);
    let length = 0;
    for (const [term, tf] of counts) {
      length += tf;
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ id: chunk.id, tf });
    }
    lengths[chunk.id] = length;
  }
  const total = chunks.length;
  const averageLength = total > 0 ? lengths.reduce((a, b) => a + b, 0) / total : 1;

  return {
    search(query, k, filter) {
      const scores = new Map<number, number>();
      for (const term of new Set(tokenize(query))) {
        const list = postings.get(term);
        if (!list) continue;
        const idf = Math.log(1 + (total - list.length + 0.5) / (list.length + 0.5));
        for (const { id, tf } of list) {
          if (filter && !filter(id)) continue;
          const norm = tf + K1 * (1 - B + (B * (lengths[id] ?? 0)) / averageLength);
          scores.set(id, (scores.get(id) ?? 0) + (idf * tf * (K1 + 1)) / norm);
        }
      }
      return [...scores]
        .map(([id, score]) => ({ id, score }))
        .sort((a, b) => b.score - a.score || a.id - b.id)
        .slice(0, k);
    },
  };
}

import type { Passage } from '../domain/passage.js';
import type { Embedder } from './embedder.js';
import { chunkFilter, reciprocalRankFusion, type MetadataFilter, type RankedId } from './hybrid-search.js';
import { hypotheticalDocument, type HydeSource } from './hyde.js';
import type { LoadedIndex } from './index-store.js';
import type { Reranker } from './rerank.js';

export const TECHNIQUES = ['dense', 'bm25', 'hybrid', 'hyde', 'rerank'] as const;
export type Technique = (typeof TECHNIQUES)[number];

export interface SearchOptions {
  technique: Technique;
  k: number;
  filter?: MetadataFilter;
  /** HyDE's hypothetical answer: pattern text or an LLM callback. */
  hyde?: HydeSource;
  /** Used by `rerank`; the lexical reranker when absent. */
  reranker?: Reranker;
  /** Return the best chunk per document only (default): five hits from one file answer less. */
  onePerSource?: boolean;
}

/** How many first-stage candidates feed fusion and reranking. */
const CANDIDATES = 50;
const RERANK_POOL = 30;

function toPassages(index: LoadedIndex, hits: readonly RankedId[]): Passage[] {
  return hits.flatMap((hit) => {
    const chunk = index.chunks[hit.id];
    return chunk ? [{ chunk, score: hit.score }] : [];
  });
}

function onePerSource(passages: readonly Passage[]): Passage[] {
  const seen = new Set<string>();
  return passages.filter((p) => !seen.has(p.chunk.source) && seen.add(p.chunk.source));
}

async function dense(index: LoadedIndex, vector: Float32Array, k: number, filter?: (id: number) => boolean): Promise<RankedId[]> {
  return index.vectors.search(vector, k, filter);
}

/**
 * The lexical fallback embedder is a hashed bag of words: fused at full weight it mostly repeats
 * BM25 with more noise, so it counts half. A real sentence-embedding model counts fully.
 */
function denseWeights(embedder: Embedder): number[] {
  return embedder.kind === 'lexical' ? [0.5, 1] : [1, 1];
}

/**
 * One search over a loaded index:
 * dense = HNSW over the query embedding; bm25 = keywords; hybrid = RRF of both;
 * hyde = hybrid where both sides search with the hypothetical answer instead of the bare question;
 * rerank = hybrid candidates reordered by the reranker.
 */
export async function searchIndex(index: LoadedIndex, embedder: Embedder, query: string, options: SearchOptions): Promise<Passage[]> {
  const filter = chunkFilter(index.chunks, options.filter);
  // Asking for extra candidates leaves room to keep one chunk per document.
  const wanted = options.onePerSource === false ? options.k : Math.max(options.k * 4, options.k + 10);
  let passages: Passage[];
  switch (options.technique) {
    case 'dense':
      passages = toPassages(index, await dense(index, await embedder.embedQuery(query), wanted, filter));
      break;
    case 'bm25':
      passages = toPassages(index, index.bm25().search(query, wanted, filter));
      break;
    case 'hybrid':
    case 'rerank': {
      const lists = [await dense(index, await embedder.embedQuery(query), CANDIDATES, filter), index.bm25().search(query, CANDIDATES, filter)];
      passages = toPassages(index, reciprocalRankFusion(lists, denseWeights(embedder)));
      if (options.technique === 'rerank') {
        const pool = onePerSource(passages).slice(0, RERANK_POOL);
        const reranker = options.reranker ?? (await import('./rerank.js')).createLexicalReranker();
        passages = await reranker.rerank(query, pool);
      }
      break;
    }
    case 'hyde': {
      const hypothetical = await hypotheticalDocument(query, options.hyde);
      const [documentVector] = await embedder.embedDocuments([hypothetical.text]);
      const lists = [
        documentVector ? await dense(index, documentVector, CANDIDATES, filter) : [],
        index.bm25().search(hypothetical.text, CANDIDATES, filter),
        index.bm25().search(query, CANDIDATES, filter),
      ];
      passages = toPassages(index, reciprocalRankFusion(lists));
      break;
    }
  }
  return (options.onePerSource === false ? passages : onePerSource(passages)).slice(0, options.k);
}

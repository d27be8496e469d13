import type { ChunkerSettings } from './chunk-markdown.js';
import type { Embedder } from './embedder.js';
import { ensureIndex, type EnsuredIndex } from './ensure-index.js';
import { resolveEmbedder, type EmbedderRequest } from './resolve-embedder.js';
import type { Retriever } from './retrieve-passages.js';
import { searchIndex, type Technique } from './search-index.js';
import type { Reranker } from './rerank.js';

export interface RetrieverOptions {
  docsDir: string;
  indexDir: string;
  chunker: ChunkerSettings;
  embedder: EmbedderRequest;
  sourcePrefix: string;
  technique?: Technique;
  reranker?: Reranker;
  /** One-line notices (fallback embedder, index rebuilt) for the Warning channel. */
  onNotice?: (line: string) => void;
}

/**
 * A retriever that resolves its embedder and checks or builds its index on the first search only,
 * then reuses both: `--help`, rules-only runs and healthy targets never pay for loading.
 */
export function createRetriever(options: RetrieverOptions): Retriever {
  let ready: Promise<{ embedder: Embedder; ensured: EnsuredIndex }> | undefined;
  const load = async (): Promise<{ embedder: Embedder; ensured: EnsuredIndex }> => {
    const resolved = await resolveEmbedder(options.embedder);
    if (resolved.notice) options.onNotice?.(resolved.notice);
    const ensured = await ensureIndex({ docsDir: options.docsDir, indexDir: options.indexDir, embedder: resolved.embedder, chunker: options.chunker });
    if (ensured.action === 'built') options.onNotice?.(`index built at ${options.indexDir} (${ensured.reasons.join(', ')})`);
    return { embedder: resolved.embedder, ensured };
  };
  return {
    sourcePrefix: options.sourcePrefix,
    async search(query, searchOptions) {
      ready ??= load();
      const { embedder, ensured } = await ready;
      return searchIndex(ensured.index, embedder, query, {
        technique: searchOptions.technique ?? options.technique ?? 'hybrid',
        k: searchOptions.k,
        ...(searchOptions.hydeText ? { hyde: searchOptions.hydeText } : {}),
        ...(searchOptions.filter ? { filter: searchOptions.filter } : {}),
        ...(options.reranker ? { reranker: options.reranker } : {}),
      });
    },
  };
}

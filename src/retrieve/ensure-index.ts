import { join } from 'node:path';
import { IndexMissingError } from '../domain/errors.js';
import type { Chunk } from '../domain/passage.js';
import { chunkMarkdown, chunkSearchText, type ChunkerSettings } from './chunk-markdown.js';
import type { Embedder } from './embedder.js';
import { INDEX_FORMAT_VERSION, MANIFEST_FILE, manifestMismatches, readManifest } from './index-manifest.js';
import { assembleIndex, CorruptIndexError, readIndexFiles, writeIndexFiles, type LoadedIndex } from './index-store.js';
import { loadCorpus } from './load-corpus.js';
import { buildVectorIndex, DEFAULT_HNSW } from './vector-index.js';

export interface EnsureIndexOptions {
  docsDir: string;
  indexDir: string;
  embedder: Embedder;
  chunker: ChunkerSettings;
  /** Rebuild even when the manifest matches. */
  force?: boolean;
  onEmbedProgress?: (done: number, total: number) => void;
}

export interface EnsuredIndex {
  index: LoadedIndex;
  action: 'reused' | 'built';
  /** Why it was (re)built, for the user: `no index yet`, `docs changed`, `vectors.hnsw does not match…`. */
  reasons: string[];
  /** Milliseconds spent embedding and in HNSW, reported apart because they differ by orders of magnitude. */
  timings?: { embedMs: number; hnswMs: number };
}

/**
 * Reuses the index in `indexDir` when its manifest matches this corpus, embedder and chunker and its
 * files verify; otherwise chunks, embeds and writes a fresh one.
 */
export async function ensureIndex(options: EnsureIndexOptions): Promise<EnsuredIndex> {
  const corpus = await loadCorpus(options.docsDir);
  const manifest = await readManifest(join(options.indexDir, MANIFEST_FILE));
  const reasons = manifest
    ? manifestMismatches(manifest, { embedderId: options.embedder.id, dimensions: options.embedder.dimensions, chunker: options.chunker, corpusHash: corpus.hash })
    : ['no index yet'];
  if (options.force) reasons.push('rebuild requested');
  if (manifest && reasons.length === 0) {
    try {
      return { index: await readIndexFiles(options.indexDir, manifest), action: 'reused', reasons };
    } catch (error) {
      if (!(error instanceof CorruptIndexError)) throw error;
      reasons.push(`${error.message}; rebuilding`);
    }
  }

  const chunks: Chunk[] = [];
  for (const document of corpus.documents) chunks.push(...chunkMarkdown(document, options.chunker, chunks.length));
  const embedStart = performance.now();
  const vectors = await options.embedder.embedDocuments(chunks.map(chunkSearchText), options.onEmbedProgress);
  const hnswStart = performance.now();
  const vectorIndex = await buildVectorIndex(vectors, options.embedder.dimensions, DEFAULT_HNSW);
  const hnswMs = performance.now() - hnswStart;
  const written = await writeIndexFiles(
    options.indexDir,
    {
      formatVersion: INDEX_FORMAT_VERSION,
      embedder: { id: options.embedder.id, kind: options.embedder.kind, dimensions: options.embedder.dimensions },
      chunker: { maxTokens: options.chunker.maxTokens, overlapTokens: options.chunker.overlapTokens },
      hnsw: DEFAULT_HNSW,
      corpusHash: corpus.hash,
      docsDir: options.docsDir,
      documentCount: corpus.documents.length,
      chunkCount: chunks.length,
    },
    chunks,
    vectorIndex,
  );
  return { index: assembleIndex(written, chunks, vectorIndex), action: 'built', reasons, timings: { embedMs: hnswStart - embedStart, hnswMs } };
}

/** Opens an index as it is (no docs tree to compare with); a missing or corrupt one is an error naming the fix. */
export async function openIndex(indexDir: string): Promise<LoadedIndex> {
  const manifest = await readManifest(join(indexDir, MANIFEST_FILE));
  if (!manifest) throw new IndexMissingError(`No index at ${indexDir}. Run \`k8sdiag index build --docs <dir> --index ${indexDir}\`.`);
  try {
    return await readIndexFiles(indexDir, manifest);
  } catch (error) {
    if (error instanceof CorruptIndexError) throw new IndexMissingError(`Index at ${indexDir} is damaged (${error.message}). Run \`k8sdiag index build\` to rebuild it.`, { cause: error });
    throw error;
  }
}

import { basename } from 'node:path';
import { loadRetrievalConfig, modelCacheDir, type RetrievalFlags } from '../config/retrieval-config.js';
import { createRetriever } from '../retrieve/create-retriever.js';
import type { Retriever } from '../retrieve/retrieve-passages.js';
import type { CommandIo } from './command-context.js';

/**
 * The retriever `diagnose` passes to the pipeline. It never downloads: the model is used when it is
 * in --model-dir or the cache (`k8sdiag models pull`), else the lexical embedder, so a diagnosis
 * stays fast and offline. Nothing loads until a non-healthy finding asks for references.
 */
export function defaultRetriever(io: CommandIo, flags: RetrievalFlags = {}, onNotice?: (line: string) => void): Retriever {
  const { config } = loadRetrievalConfig(flags, io.env, io.cwd);
  return createRetriever({
    docsDir: config.docsDir,
    indexDir: config.indexDir,
    chunker: { maxTokens: config.chunkTokens, overlapTokens: config.chunkOverlap },
    embedder: {
      choice: config.embedder === 'transformers' ? 'auto' : config.embedder,
      modelId: config.embeddingModel,
      ...(config.modelDir ? { modelDir: config.modelDir } : {}),
      modelCacheDir: modelCacheDir(config),
      allowDownload: false,
      downloadStallMs: config.downloadStallMs,
    },
    sourcePrefix: `${basename(config.docsDir)}/`,
    ...(onNotice ? { onNotice } : {}),
  });
}

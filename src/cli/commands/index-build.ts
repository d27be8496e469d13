import type { RetrievalFlags } from '../../config/retrieval-config.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';
import { createProgressBar } from '../progress-bar.js';
import { resolveEmbedderFor, retrievalConfigFor } from './index-setup.js';

export interface IndexBuildArgs extends RetrievalFlags {
  /** Rebuild even when the manifest says the index is current. */
  force?: boolean;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** `k8sdiag index build [--docs dir] [--index dir]`: chunk, embed and persist, or reuse a current index. */
export async function run(args: IndexBuildArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const config = retrievalConfigFor(args, io);
  const { embedder } = await resolveEmbedderFor(config, io);
  const { ensureIndex } = await import('../../retrieve/ensure-index.js');
  const bar = createProgressBar(io, 'embedding chunks');
  const ensured = await ensureIndex({
    docsDir: config.docsDir,
    indexDir: config.indexDir,
    embedder,
    chunker: { maxTokens: config.chunkTokens, overlapTokens: config.chunkOverlap },
    force: args.force ?? false,
    onEmbedProgress: (done, total) => bar.update(done, total),
  });
  bar.finish();
  const { manifest } = ensured.index;
  if (globals.output === 'json') {
    io.out(`${JSON.stringify({ action: ensured.action, reasons: ensured.reasons, indexDir: config.indexDir, timings: ensured.timings ?? null, manifest }, null, 2)}\n`);
    return 0;
  }
  if (ensured.action === 'reused') {
    io.out(`Index is current: ${manifest.chunkCount} chunks from ${manifest.documentCount} documents, ${manifest.embedder.id} (${config.indexDir})\n`);
  } else {
    const timing = ensured.timings ? ` in ${seconds(ensured.timings.embedMs + ensured.timings.hnswMs)} (embedding ${seconds(ensured.timings.embedMs)}, HNSW ${seconds(ensured.timings.hnswMs)})` : '';
    io.out(`Built index: ${manifest.documentCount} documents → ${manifest.chunkCount} chunks, ${manifest.embedder.id} (${manifest.embedder.dimensions} dims)${timing}\n`);
    io.out(`  reason: ${ensured.reasons.join('; ')}\n  at: ${config.indexDir}\n`);
  }
  return 0;
}

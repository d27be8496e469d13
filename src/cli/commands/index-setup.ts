import { loadRetrievalConfig, modelCacheDir, type RetrievalConfig, type RetrievalFlags } from '../../config/retrieval-config.js';
import { UsageError } from '../../domain/errors.js';
import type { EmbedderRequest, ResolvedEmbedder } from '../../retrieve/resolve-embedder.js';
import type { CommandIo } from '../command-context.js';
import { createProgressBar } from '../progress-bar.js';

/** Shared by the index and models commands: validated retrieval config, warnings printed once. */
export function retrievalConfigFor(flags: RetrievalFlags, io: CommandIo): RetrievalConfig {
  const { config, warnings, errors } = loadRetrievalConfig(flags, io.env, io.cwd);
  if (errors.length > 0) throw new UsageError(errors.join('; '));
  for (const warning of warnings) io.err(`warning: ${warning}\n`);
  return config;
}

/** Resolves the embedder with a download bar; the fallback notice is the one line the user sees. */
export async function resolveEmbedderFor(config: RetrievalConfig, io: CommandIo, overrides: Partial<EmbedderRequest> = {}): Promise<ResolvedEmbedder> {
  const { resolveEmbedder } = await import('../../retrieve/resolve-embedder.js');
  const bar = createProgressBar(io, 'downloading model', 'bytes');
  try {
    const resolved = await resolveEmbedder({
      choice: config.embedder,
      modelId: config.embeddingModel,
      ...(config.modelDir ? { modelDir: config.modelDir } : {}),
      modelCacheDir: modelCacheDir(config),
      allowDownload: config.allowDownload,
      downloadStallMs: config.downloadStallMs,
      onDownloadProgress: (_file, loaded, total) => bar.update(loaded, total),
      ...overrides,
    });
    bar.finish();
    if (resolved.notice) io.err(`note: ${resolved.notice}\n`);
    return resolved;
  } finally {
    bar.finish();
  }
}

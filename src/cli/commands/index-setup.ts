import { loadRetrievalConfig, modelCacheDir, type RetrievalConfig, type RetrievalFlags } from '../../config/retrieval-config.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../../domain/errors.js';
import type { EmbedderRequest, ResolvedEmbedder } from '../../retrieve/resolve-embedder.js';
import type { CommandIo } from '../command-context.js';
import { createProgressBar } from '../progress-bar.js';

/** Shared by the index and models commands: validated retrieval config, warnings printed once. */
export function retrievalConfigFor(flags: RetrievalFlags, io: CommandIo): RetrievalConfig {
  const { config, warnings, errors } = loadRetrievalConfig(flags, io.env, io.cwd);
  if (errors.length > 0) throw new UsageError(errors.join('; '));
  for (const warning of warnings) io.err(`warning: ${warning}\n`);
  if (flags.docs !== undefined) checkDocsDir(flags.docs, config.docsDir);
  return config;
}

/**
 * `--docs` must be a directory holding markdown: indexing nothing would "succeed" with an empty index
 * that answers every query with nothing, and a missing path used to surface as an internal error.
 */
export function checkDocsDir(given: string, dir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new InputError(`--docs ${given}: no such directory`, given);
  }
  if (!isDirectory) throw new InputError(`--docs ${given}: not a directory (give the folder that holds the markdown files)`, given);
  if (!hasMarkdown(dir)) throw new InputError(`--docs ${given}: no markdown files (.md, .markdown) found under it`, given);
}

function hasMarkdown(dir: string): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) return true;
    if (entry.isDirectory() && hasMarkdown(join(dir, entry.name))) return true;
  }
  return false;
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

import { ConfigError } from '../domain/errors.js';
import type { Embedder } from './embedder.js';
import { createLexicalEmbedder, LEXICAL_EMBEDDER_ID } from './lexical-embedder.js';
import { loadTransformersEmbedder } from './transformers-embedder.js';

export interface EmbedderRequest {
  choice: 'auto' | 'transformers' | 'lexical';
  modelId: string;
  modelDir?: string;
  modelCacheDir: string;
  allowDownload: boolean;
  downloadStallMs: number;
  onDownloadProgress?: (file: string, loaded: number, total: number) => void;
}

export interface ResolvedEmbedder {
  embedder: Embedder;
  /** One line for the user when the model could not be used; absent when everything went as asked. */
  notice?: string;
}

/**
 * `lexical` → the hashed lexical embedder. `transformers` → the model or an error.
 * `auto` → the model when any source has it, otherwise the lexical embedder and a one-line notice.
 * An embedder id recorded in a manifest (`lexical:…`, `transformers:<id>`) may also be passed as modelId.
 */
export async function resolveEmbedder(request: EmbedderRequest): Promise<ResolvedEmbedder> {
  if (request.choice === 'lexical' || request.modelId === LEXICAL_EMBEDDER_ID) return { embedder: createLexicalEmbedder() };
  const modelId = request.modelId.replace(/^transformers:/, '');
  try {
    const embedder = await loadTransformersEmbedder({
      modelId,
      ...(request.modelDir ? { modelDir: request.modelDir } : {}),
      cacheDir: request.modelCacheDir,
      allowRemote: request.allowDownload,
      stallTimeoutMs: request.downloadStallMs,
      ...(request.onDownloadProgress ? { onDownloadProgress: request.onDownloadProgress } : {}),
    });
    return { embedder };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (request.choice === 'transformers') {
      throw new ConfigError(`${reason}. Run \`k8sdiag models pull --model ${modelId}\` or pass --model-dir <dir>, or use --embedder lexical.`, { cause: error });
    }
    return {
      embedder: createLexicalEmbedder(),
      notice: `embedding model ${modelId} unavailable (${reason.replace(/^model \S+ could not be loaded: /, '')}); using the lexical embedder (${LEXICAL_EMBEDDER_ID})`,
    };
  }
}

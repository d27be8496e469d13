import { modelCacheDir, type RetrievalFlags } from '../../config/retrieval-config.js';
import { ConfigError } from '../../domain/errors.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';
import { createProgressBar } from '../progress-bar.js';
import { retrievalConfigFor } from './index-setup.js';

export interface ModelsPullArgs extends RetrievalFlags {
  /** Also fetch the cross-encoder reranker (large: about 1 GB). */
  withReranker?: boolean;
}

function failed(error: unknown): never {
  const reason = error instanceof Error ? error.message : String(error);
  throw new ConfigError(`${reason}. Check network access to huggingface.co, or copy a model folder and pass --model-dir.`, { cause: error });
}

/**
 * `k8sdiag models pull [--model id] [--model-dir dir]`: downloads once so later runs work offline.
 * With --model-dir the files land in `<dir>/<model id>/`, the layout `--model-dir` reads back.
 */
export async function run(args: ModelsPullArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const config = retrievalConfigFor({ ...args, modelDir: undefined }, io);
  const target = args.modelDir ?? modelCacheDir(config);
  const source = { cacheDir: target, allowRemote: !args.offline, stallTimeoutMs: config.downloadStallMs };
  const pulled: { model: string; id: string }[] = [];

  const { loadTransformersEmbedder } = await import('../../retrieve/transformers-embedder.js');
  const bar = createProgressBar(io, `pulling ${config.embeddingModel}`, 'bytes');
  const embedder = await loadTransformersEmbedder({ ...source, modelId: config.embeddingModel, onDownloadProgress: (_f, loaded, total) => bar.update(loaded, total) }).catch(failed).finally(() => bar.finish());
  pulled.push({ model: config.embeddingModel, id: embedder.id });

  if (args.withReranker) {
    const { loadCrossEncoderReranker } = await import('../../retrieve/rerank.js');
    const rerankBar = createProgressBar(io, `pulling ${config.rerankerModel}`, 'bytes');
    const reranker = await loadCrossEncoderReranker({ ...source, modelId: config.rerankerModel, onDownloadProgress: (_f, loaded, total) => rerankBar.update(loaded, total) }).catch(failed).finally(() => rerankBar.finish());
    pulled.push({ model: config.rerankerModel, id: reranker.id });
  }
  if (globals.output === 'json') io.out(`${JSON.stringify({ directory: target, models: pulled }, null, 2)}\n`);
  else for (const model of pulled) io.out(`${model.model}: ready in ${target} (${model.id})\n`);
  return 0;
}

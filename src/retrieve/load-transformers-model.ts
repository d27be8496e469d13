import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { firstLineOf } from '../domain/errors.js';

/** Where a model may come from, tried in this order; the first that loads wins. */
export interface ModelSource {
  modelId: string;
  /** Offline directory: either `<dir>/<model id>/…` or the model folder itself (has config.json). */
  modelDir?: string;
  /** transformers.js file cache; `models pull` fills it. */
  cacheDir: string;
  /** Whether the hub may be tried after the local places. */
  allowRemote: boolean;
  /** A download with no progress for this long is abandoned. */
  stallTimeoutMs: number;
  dtype?: 'fp32' | 'q8';
  onDownloadProgress?: (file: string, loaded: number, total: number) => void;
}

export interface LoadedModel<T> {
  value: T;
  /** The id to record: the hub id, or the folder name of an offline model. */
  resolvedId: string;
  from: 'model-dir' | 'cache' | 'hub';
}

interface Attempt {
  from: LoadedModel<unknown>['from'];
  id: string;
  localModelPath: string;
  allowRemote: boolean;
}

function attempts(source: ModelSource): Attempt[] {
  const list: Attempt[] = [];
  if (source.modelDir) {
    const direct = existsSync(join(source.modelDir, 'config.json'));
    list.push(
      direct
        ? { from: 'model-dir', id: basename(source.modelDir), localModelPath: dirname(source.modelDir), allowRemote: false }
        : { from: 'model-dir', id: source.modelId, localModelPath: source.modelDir, allowRemote: false },
    );
    return list;
  }
  list.push({ from: 'cache', id: source.modelId, localModelPath: source.cacheDir, allowRemote: false });
  if (source.allowRemote) list.push({ from: 'hub', id: source.modelId, localModelPath: source.cacheDir, allowRemote: true });
  return list;
}

interface ProgressInfo {
  status?: string;
  file?: string;
  loaded?: number;
  total?: number;
}

/**
 * Runs `create` against each place a model may live. transformers.js keeps its settings in one
 * shared `env` object, so they are set right before each attempt rather than once at import.
 * Hub downloads are raced against a watchdog that any progress event resets.
 */
export async function loadTransformersModel<T>(
  source: ModelSource,
  create: (id: string, progress: (info: ProgressInfo) => void) => Promise<T>,
): Promise<LoadedModel<T>> {
  // A local attempt without config.json cannot succeed; skipping it saves loading onnxruntime
  // on every offline diagnosis of a machine that never pulled the model.
  const possible = attempts(source).filter((a) => a.allowRemote || existsSync(join(a.localModelPath, a.id, 'config.json')));
  if (possible.length === 0) throw new Error(`model ${source.modelId} could not be loaded: not in ${source.modelDir ? 'the model directory' : 'cache'}`);
  const { env } = await import('@huggingface/transformers');
  const failures: string[] = [];
  for (const attempt of possible) {
    env.allowLocalModels = true;
    env.allowRemoteModels = attempt.allowRemote;
    env.localModelPath = attempt.localModelPath;
    env.useFSCache = true;
    env.cacheDir = source.cacheDir;
    let timer: NodeJS.Timeout | undefined;
    let rejectStall: (error: Error) => void = () => undefined;
    const stalled = new Promise<never>((_resolve, reject) => {
      rejectStall = reject;
    });
    const arm = (): void => {
      if (!attempt.allowRemote) return;
      clearTimeout(timer);
      timer = setTimeout(() => rejectStall(new Error(`download stalled for ${source.stallTimeoutMs} ms`)), source.stallTimeoutMs);
    };
    const progress = (info: ProgressInfo): void => {
      arm();
      if (info.status === 'progress' && info.file && info.total) source.onDownloadProgress?.(info.file, info.loaded ?? 0, info.total);
    };
    try {
      arm();
      const value = await Promise.race([create(attempt.id, progress), stalled]);
      return { value, resolvedId: attempt.id, from: attempt.from };
    } catch (error) {
      const reason = firstLineOf(error);
      failures.push(/not found locally|could not locate|no such file/i.test(reason) ? `not in ${attempt.from === 'cache' ? 'cache' : attempt.localModelPath}` : `${attempt.from}: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
  }
  throw new Error(`model ${source.modelId} could not be loaded: ${failures.join('; ')}`);
}

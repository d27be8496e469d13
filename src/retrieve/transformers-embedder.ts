import type { Embedder } from './embedder.js';
import { loadTransformersModel, type ModelSource } from './load-transformers-model.js';

/** bge v1.5 was trained with this prefix on queries (not on passages) for retrieval. */
export const BGE_QUERY_INSTRUCTION = 'Represent this sentence for searching relevant passages: ';

export interface TransformersEmbedderOptions extends ModelSource {
  batchSize?: number;
  /** Prepended to queries only; defaults to the bge instruction. */
  queryInstruction?: string;
}

interface TensorLike {
  dims: number[];
  data: ArrayLike<number>;
}
type Extractor = (texts: string[], options: { pooling: 'cls'; normalize: boolean }) => Promise<TensorLike>;

function rows(tensor: TensorLike): Float32Array[] {
  const [count = 0, dimensions = 0] = tensor.dims;
  const data = Float32Array.from(tensor.data);
  return Array.from({ length: count }, (_, i) => data.slice(i * dimensions, (i + 1) * dimensions));
}

/**
 * Loads a BERT-style sentence-embedding model in process (transformers.js + onnxruntime) and
 * embeds with CLS pooling and L2 normalisation, as bge expects. Throws when no source has the model;
 * `resolveEmbedder` turns that into the lexical fallback.
 */
export async function loadTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const loaded = await loadTransformersModel(options, async (id, progress) => {
    const { pipeline } = await import('@huggingface/transformers');
    const created = await pipeline('feature-extraction', id, { dtype: options.dtype ?? 'fp32', progress_callback: progress });
    return created as unknown as Extractor;
  });
  const extractor = loaded.value;
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const instruction = options.queryInstruction ?? BGE_QUERY_INSTRUCTION;
  const embed = async (texts: string[]): Promise<Float32Array[]> => rows(await extractor(texts, { pooling: 'cls', normalize: true }));
  // One probe both learns the width and proves the graph runs, so a broken model fails here, not mid-index.
  const [probe] = await embed(['probe']);
  if (!probe || probe.length === 0) throw new Error(`model ${loaded.resolvedId} returned an empty embedding`);

  return {
    id: `transformers:${loaded.resolvedId}`,
    kind: 'transformers',
    dimensions: probe.length,
    async embedDocuments(texts, onProgress) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        vectors.push(...(await embed(texts.slice(start, start + batchSize))));
        onProgress?.(vectors.length, texts.length);
      }
      return vectors;
    },
    async embedQuery(text) {
      const [vector] = await embed([`${instruction}${text}`]);
      if (!vector) throw new Error('embedding returned no vector');
      return vector;
    },
  };
}

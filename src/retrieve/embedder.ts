/** Turns text into unit-length vectors so that inner product is cosine similarity. */
export interface Embedder {
  /** Recorded in the index manifest: `transformers:<model id>` or `lexical:<variant>`. */
  readonly id: string;
  readonly kind: 'transformers' | 'lexical';
  readonly dimensions: number;
  /** Documents are embedded as they are; `onProgress(done, total)` lets the CLI draw a bar. */
  embedDocuments(texts: readonly string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
  /** Queries may get a model-specific instruction prefix; documents never do. */
  embedQuery(text: string): Promise<Float32Array>;
}

export function normalizeVector(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i += 1) vector[i] = (vector[i] ?? 0) / norm;
  return vector;
}

import type { HierarchicalNSW } from 'hnswlib-node';

export interface VectorHit {
  id: number;
  /** Inner product of unit vectors, i.e. cosine similarity. */
  score: number;
}

export interface HnswSettings {
  m: number;
  efConstruction: number;
  /** Fixed so that the same corpus builds the same graph. */
  seed: number;
}

export const DEFAULT_HNSW: HnswSettings = { m: 16, efConstruction: 200, seed: 100 };

/** Approximate nearest neighbours over unit vectors (hnswlib, inner-product space). Labels are chunk ids. */
export interface VectorIndex {
  readonly dimensions: number;
  readonly count: number;
  search(vector: Float32Array, k: number, filter?: (id: number) => boolean): VectorHit[];
  write(file: string): Promise<void>;
}

/** hnswlib-node is CommonJS: under ESM its classes sit on the default export. */
async function hnswClass(): Promise<typeof HierarchicalNSW> {
  const module = (await import('hnswlib-node')) as unknown as { default?: { HierarchicalNSW: typeof HierarchicalNSW }; HierarchicalNSW?: typeof HierarchicalNSW };
  const found = module.HierarchicalNSW ?? module.default?.HierarchicalNSW;
  if (!found) throw new Error('hnswlib-node does not export HierarchicalNSW');
  return found;
}

function wrap(index: HierarchicalNSW, dimensions: number): VectorIndex {
  return {
    dimensions,
    count: index.getCurrentCount(),
    search(vector, k, filter) {
      const count = index.getCurrentCount();
      const wanted = Math.min(k, count);
      if (wanted <= 0) return [];
      // A wider beam than k keeps recall high; hnswlib needs ef ≥ k anyway.
      index.setEf(Math.max(64, wanted * 2));
      const result = index.searchKnn(Array.from(vector), wanted, filter);
      return result.neighbors.map((id, i) => ({ id, score: 1 - (result.distances[i] ?? 1) }));
    },
    async write(file) {
      await index.writeIndex(file);
    },
  };
}

export async function buildVectorIndex(vectors: readonly Float32Array[], dimensions: number, settings: HnswSettings = DEFAULT_HNSW): Promise<VectorIndex> {
  const Hnsw = await hnswClass();
  const index = new Hnsw('ip', dimensions);
  index.initIndex({ maxElements: Math.max(1, vectors.length), m: settings.m, efConstruction: settings.efConstruction, randomSeed: settings.seed });
  vectors.forEach((vector, id) => {
    if (vector.length !== dimensions) throw new Error(`vector ${id} has ${vector.length} dimensions, expected ${dimensions}`);
    index.addPoint(Array.from(vector), id);
  });
  return wrap(index, dimensions);
}

/** Reads a persisted index and checks it holds what the manifest promised; throws rather than return a mismatch. */
export async function readVectorIndex(file: string, dimensions: number, expectedCount: number): Promise<VectorIndex> {
  const Hnsw = await hnswClass();
  const index = new Hnsw('ip', dimensions);
  await index.readIndex(file);
  if (index.getNumDimensions() !== dimensions) throw new Error(`index has ${index.getNumDimensions()} dimensions, manifest says ${dimensions}`);
  if (index.getCurrentCount() !== expectedCount) throw new Error(`index holds ${index.getCurrentCount()} vectors, manifest says ${expectedCount}`);
  return wrap(index, dimensions);
}

import { normalizeVector, type Embedder } from './embedder.js';
import { tokenize } from './tokenize.js';

export const LEXICAL_DIMENSIONS = 1024;
export const LEXICAL_EMBEDDER_ID = 'lexical:hashed-tf-v1';

/** Whole words carry the topic; pairs add phrase order; trigrams only catch spelling variants. */
const FEATURE_WEIGHT: Record<string, number> = { w: 1, b: 0.5, c: 0.2 };

/** FNV-1a: stable across runs and platforms, which the persisted index depends on. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function addFeature(vector: Float32Array, feature: string, weight: number): void {
  const h = hash(feature);
  // The sign bit spreads collisions around zero instead of letting them pile up.
  vector[h % vector.length] = (vector[h % vector.length] ?? 0) + ((h & 0x80000000) !== 0 ? -weight : weight);
}

/**
 * The fallback when no neural model loads: word unigrams, adjacent word pairs and character
 * trigrams, each hashed into a fixed 1024-dim vector with sublinear term frequency, then normalised.
 * It matches words and their spellings, not meaning; the manifest and `index stats` say so.
 */
export function lexicalVector(text: string, dimensions = LEXICAL_DIMENSIONS): Float32Array {
  const counts = new Map<string, number>();
  const bump = (feature: string): void => {
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  };
  const terms = tokenize(text);
  terms.forEach((term, i) => {
    bump(`w:${term}`);
    const next = terms[i + 1];
    if (next) bump(`b:${term} ${next}`);
    const padded = `^${term}$`;
    for (let j = 0; j + 3 <= padded.length; j += 1) bump(`c:${padded.slice(j, j + 3)}`);
  });
  const vector = new Float32Array(dimensions);
  for (const [feature, count] of counts) addFeature(vector, feature, (FEATURE_WEIGHT[feature[0] ?? 'w'] ?? 1) * (1 + Math.log(count)));
  return normalizeVector(vector);
}

export function createLexicalEmbedder(dimensions = LEXICAL_DIMENSIONS): Embedder {
  return {
    id: LEXICAL_EMBEDDER_ID,
    kind: 'lexical',
    dimensions,
    async embedDocuments(texts, onProgress) {
      const vectors = texts.map((text) => lexicalVector(text, dimensions));
      onProgress?.(texts.length, texts.length);
      return vectors;
    },
    async embedQuery(text) {
      return lexicalVector(text, dimensions);
    },
  };
}

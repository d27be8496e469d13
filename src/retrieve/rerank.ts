import type { Passage } from '../domain/passage.js';
import { chunkSearchText } from './chunk-markdown.js';
import { loadTransformersModel, type ModelSource } from './load-transformers-model.js';
import { tokenize } from './tokenize.js';

/** Reorders candidate passages for one query, best first; scores are the reranker's own. */
export interface Reranker {
  readonly id: string;
  rerank(query: string, passages: readonly Passage[]): Promise<Passage[]>;
}

/**
 * Without a cross-encoder: how much of the query a passage covers (distinct terms, heading terms
 * counting double, adjacent query pairs found together), blended with the candidate's first-stage rank.
 */
export function createLexicalReranker(): Reranker {
  return {
    id: 'lexical:coverage-v1',
    async rerank(query, passages) {
      const terms = [...new Set(tokenize(query))];
      if (terms.length === 0) return [...passages];
      const pairs = terms.slice(1).map((term, i) => `${terms[i]} ${term}`);
      const scored = passages.map((passage, rank) => {
        const bodyTerms = tokenize(chunkSearchText(passage.chunk));
        const body = new Set(bodyTerms);
        const heading = new Set(tokenize([passage.chunk.title, ...passage.chunk.headingPath].join(' ')));
        const bodyPairs = new Set(bodyTerms.slice(1).map((term, i) => `${bodyTerms[i]} ${term}`));
        const covered = terms.reduce((sum, term) => sum + (body.has(term) ? 1 : 0) + (heading.has(term) ? 1 : 0), 0) / (2 * terms.length);
        const phrases = pairs.length > 0 ? pairs.filter((p) => bodyPairs.has(p)).length / pairs.length : 0;
        const prior = 1 / (1 + rank);
        return { chunk: passage.chunk, score: 0.55 * covered + 0.15 * phrases + 0.3 * prior };
      });
      return scored.sort((a, b) => b.score - a.score || a.chunk.id - b.chunk.id);
    },
  };
}

interface TokenizerLike {
  (texts: string[], options: { text_pair: string[]; padding: boolean; truncation: boolean }): unknown;
}
interface ClassifierLike {
  (inputs: unknown): Promise<{ logits: { data: ArrayLike<number> } }>;
}

/**
 * A cross-encoder (bge-reranker style) scoring each (query, passage) pair jointly. transformers.js
 * text-classification models are loaded directly because the pipeline does not take text pairs.
 */
export async function loadCrossEncoderReranker(source: ModelSource, batchSize = 8): Promise<Reranker> {
  const { AutoTokenizer, AutoModelForSequenceClassification } = await import('@huggingface/transformers');
  const loaded = await loadTransformersModel(source, async (id, progress) => {
    const tokenizer = await AutoTokenizer.from_pretrained(id, { progress_callback: progress });
    const model = await AutoModelForSequenceClassification.from_pretrained(id, { dtype: source.dtype ?? 'fp32', progress_callback: progress });
    return { tokenizer: tokenizer as unknown as TokenizerLike, model: model as unknown as ClassifierLike };
  });
  const { tokenizer, model } = loaded.value;
  return {
    id: `cross-encoder:${loaded.resolvedId}`,
    async rerank(query, passages) {
      const scored: Passage[] = [];
      for (let start = 0; start < passages.length; start += batchSize) {
        const batch = passages.slice(start, start + batchSize);
        const inputs = tokenizer(batch.map(() => query), { text_pair: batch.map((p) => chunkSearchText(p.chunk)), padding: true, truncation: true });
        const { logits } = await model(inputs);
        batch.forEach((passage, i) => scored.push({ chunk: passage.chunk, score: 1 / (1 + Math.exp(-(logits.data[i] ?? 0))) }));
      }
      return scored.sort((a, b) => b.score - a.score || a.chunk.id - b.chunk.id);
    },
  };
}

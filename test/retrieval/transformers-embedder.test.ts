import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveEmbedder } from '../../src/retrieve/resolve-embedder.js';
import { loadTransformersEmbedder } from '../../src/retrieve/transformers-embedder.js';
import { writeTinyBertModel } from '../helpers/tiny-bert-model.js';

const WORDS = ['pod', 'memory', 'limit', 'oom', 'killed', 'image', 'pull', 'registry', 'represent', 'this', 'sentence', 'for', 'searching', 'relevant', 'passages', ':'];
/** One-hot rows: a text's [CLS] vector then counts its words, so similarity is predictable. */
const oneHot = (id: number): number[] => Array.from({ length: 24 }, (_, j) => (j === id % 24 ? 1 : 0));

describe('transformers embedder with a generated tiny BERT model', () => {
  let modelDir: string;
  let cacheDir: string;
  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'k8sdiag-tiny-'));
    modelDir = join(root, 'models');
    cacheDir = join(root, 'cache');
    writeTinyBertModel(join(modelDir, 'test-org', 'tiny-bert'), { words: WORDS, hidden: 24, row: oneHot });
  });

  it('loads from --model-dir and embeds: tokenize → infer → CLS pool → normalise', async () => {
    const embedder = await loadTransformersEmbedder({ modelId: 'test-org/tiny-bert', modelDir, cacheDir, allowRemote: false, stallTimeoutMs: 1000 });
    expect(embedder).toMatchObject({ id: 'transformers:test-org/tiny-bert', kind: 'transformers', dimensions: 24 });
    const [memory, image] = await embedder.embedDocuments(['OOM killed: memory limit', 'image pull registry']);
    const norm = (v: Float32Array | undefined): number => Math.hypot(...(v ?? []));
    expect(norm(memory)).toBeCloseTo(1, 5);
    const dot = (a: Float32Array | undefined, b: Float32Array | undefined): number => Array.from(a ?? []).reduce((sum, x, i) => sum + x * (b?.[i] ?? 0), 0);
    const query = await embedder.embedQuery('memory limit');
    expect(dot(query, memory)).toBeGreaterThan(dot(query, image));
  });

  it('adds the bge instruction to queries only, and batches like single calls', async () => {
    const embedder = await loadTransformersEmbedder({ modelId: 'test-org/tiny-bert', modelDir, cacheDir, allowRemote: false, stallTimeoutMs: 1000, batchSize: 2 });
    const [asDocument] = await embedder.embedDocuments(['memory limit']);
    const asQuery = await embedder.embedQuery('memory limit');
    expect(Array.from(asQuery)).not.toEqual(Array.from(asDocument ?? []));
    const [instructed] = await embedder.embedDocuments(['Represent this sentence for searching relevant passages: memory limit']);
    expect(Array.from(asQuery)).toEqual(Array.from(instructed ?? []));
    const batched = await embedder.embedDocuments(['pod', 'memory limit', 'image pull registry']);
    const single = await embedder.embedDocuments(['memory limit']);
    expect(Array.from(batched[1] ?? [])).toEqual(Array.from(single[0] ?? []));
  });

  it('accepts --model-dir pointing at the model folder itself', async () => {
    const resolved = await resolveEmbedder({ choice: 'auto', modelId: 'Xenova/bge-small-en-v1.5', modelDir: join(modelDir, 'test-org', 'tiny-bert'), modelCacheDir: cacheDir, allowDownload: false, downloadStallMs: 1000 });
    expect(resolved.notice).toBeUndefined();
    expect(resolved.embedder.id).toBe('transformers:tiny-bert');
  });

  it('falls back to the lexical embedder with one line when the model is absent', async () => {
    const resolved = await resolveEmbedder({ choice: 'auto', modelId: 'test-org/not-there', modelCacheDir: cacheDir, allowDownload: false, downloadStallMs: 1000 });
    expect(resolved.embedder.kind).toBe('lexical');
    expect(resolved.notice).toMatch(/^embedding model test-org\/not-there unavailable \(.*\); using the lexical embedder/);
    expect(resolved.notice?.split('\n')).toHaveLength(1);
  });

  it('refuses to pretend when the model was asked for by name', async () => {
    await expect(resolveEmbedder({ choice: 'transformers', modelId: 'test-org/not-there', modelCacheDir: cacheDir, allowDownload: false, downloadStallMs: 1000 })).rejects.toThrow(/models pull/);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultIndexDir, loadRetrievalConfig, PACKAGE_DOCS_DIR } from './retrieval-config.js';

describe('loadRetrievalConfig', () => {
  it('defaults to the bundled corpus, ~/.cache/k8sdiag and the bge model', () => {
    const { config, errors } = loadRetrievalConfig({}, { HOME: '/home/ada' }, '/work');
    expect(errors).toEqual([]);
    expect(config).toMatchObject({ cacheDir: '/home/ada/.cache/k8sdiag', docsDir: PACKAGE_DOCS_DIR, embedder: 'auto', embeddingModel: 'Xenova/bge-small-en-v1.5', rerankerModel: 'Xenova/bge-reranker-base', allowDownload: true });
    expect(PACKAGE_DOCS_DIR).toMatch(/docs-corpus$/);
  });

  it('takes flags over env, and a model dir means nothing is downloaded', () => {
    const env = { HOME: '/h', K8SDIAG_CACHE_DIR: '/env-cache', K8SDIAG_MODEL_DIR: 'models', K8SDIAG_EMBEDDER: 'lexical' };
    const { config } = loadRetrievalConfig({ cacheDir: 'flag-cache', embedder: 'bge' }, env, '/work');
    expect(config).toMatchObject({ cacheDir: '/work/flag-cache', modelDir: '/work/models', embedder: 'transformers', allowDownload: false });
  });

  it('keeps one index per docs tree so indexing other docs never replaces the default', () => {
    expect(defaultIndexDir('/c', '/a/docs')).not.toBe(defaultIndexDir('/c', '/b/docs'));
    expect(loadRetrievalConfig({ index: 'idx' }, {}, '/w').config.indexDir).toBe('/w/idx');
  });

  it('reports every bad value instead of throwing', () => {
    const { errors } = loadRetrievalConfig({ embedder: 'openai', chunkTokens: 0, chunkOverlap: 900 }, {}, '/w');
    expect(errors).toEqual([
      '--embedder must be one of auto, transformers, lexical (got "openai")',
      '--chunk-tokens must be a positive whole number (got 0)',
      '--chunk-overlap (900) must be smaller than --chunk-tokens (320)',
    ]);
  });
});

#!/usr/bin/env node
// Retrieval quality: recall@5 and MRR@10 per technique on the bundled corpus and on the real
// Kubernetes docs subset, using the built package (npm run bench:retrieval builds first).
// Relevance is per document: a query counts a hit when a relevant file appears among the results.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dist = (path) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { loadRetrievalConfig, modelCacheDir } = await dist('config/retrieval-config.js');
const { resolveEmbedderFor } = await dist('cli/commands/index-setup.js');
const { ensureIndex } = await dist('retrieve/ensure-index.js');
const { searchIndex, TECHNIQUES } = await dist('retrieve/search-index.js');
const { createLexicalReranker, loadCrossEncoderReranker } = await dist('retrieve/rerank.js');

const corpora = [
  { name: 'docs-corpus', docs: join(root, 'docs-corpus'), queries: join(root, 'bench/queries/docs-corpus.json') },
  { name: 'k8s-docs', docs: resolve(root, '../shared/k8s-docs/content'), queries: join(root, 'bench/queries/k8s-docs.json') },
];

const { config } = loadRetrievalConfig({}, process.env);
// The same resolution (and fallback notice) as `k8sdiag index build`.
const resolved = await resolveEmbedderFor(config, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stderrIsTty: false,
  env: process.env,
  cwd: process.cwd(),
});
const embedder = resolved.embedder;
let reranker = createLexicalReranker();
try {
  reranker = await loadCrossEncoderReranker({ modelId: config.rerankerModel, ...(config.modelDir ? { modelDir: config.modelDir } : {}), cacheDir: modelCacheDir(config), allowRemote: false, stallTimeoutMs: config.downloadStallMs });
} catch {
  // Without a local cross-encoder the lexical reranker is measured; the header says which.
}

console.log(`embedder: ${embedder.id} (${embedder.kind}, ${embedder.dimensions} dims); reranker: ${reranker.id}; hyde: offline stand-in answers (no LLM)\n`);
const rows = [];
for (const corpus of corpora) {
  if (!existsSync(corpus.docs) || !existsSync(corpus.queries)) {
    console.log(`${corpus.name}: skipped (missing ${existsSync(corpus.docs) ? corpus.queries : corpus.docs})`);
    continue;
  }
  const queries = JSON.parse(readFileSync(corpus.queries, 'utf8'));
  const started = performance.now();
  const ensured = await ensureIndex({
    docsDir: corpus.docs,
    indexDir: join(config.cacheDir, 'bench', `${corpus.name}-${embedder.id.replace(/[^\w.-]+/g, '_')}`),
    embedder,
    chunker: { maxTokens: config.chunkTokens, overlapTokens: config.chunkOverlap },
  });
  const { manifest } = ensured.index;
  console.log(`${corpus.name}: ${queries.length} queries, ${manifest.documentCount} documents, ${manifest.chunkCount} chunks (index ${ensured.action} in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  for (const technique of TECHNIQUES) {
    let recall = 0;
    let reciprocal = 0;
    const t0 = performance.now();
    for (const item of queries) {
      const results = await searchIndex(ensured.index, embedder, item.query, { technique, k: 10, reranker });
      const sources = results.map((p) => p.chunk.source);
      const relevant = new Set(item.relevant);
      recall += sources.slice(0, 5).filter((s) => relevant.has(s)).length / relevant.size;
      const rank = sources.findIndex((s) => relevant.has(s));
      reciprocal += rank >= 0 ? 1 / (rank + 1) : 0;
    }
    const row = { corpus: corpus.name, technique, 'recall@5': recall / queries.length, 'MRR@10': reciprocal / queries.length, 'ms/query': (performance.now() - t0) / queries.length };
    rows.push(row);
  }
}
console.log('');
console.log(['corpus'.padEnd(12), 'technique'.padEnd(9), 'recall@5', '  MRR@10', 'ms/query'].join('  '));
for (const row of rows) {
  console.log([row.corpus.padEnd(12), row.technique.padEnd(9), row['recall@5'].toFixed(3).padStart(8), row['MRR@10'].toFixed(3).padStart(8), row['ms/query'].toFixed(1).padStart(8)].join('  '));
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ embedder: embedder.id, reranker: reranker.id, rows }, null, 2));

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { modelCacheDir, type RetrievalConfig, type RetrievalFlags } from '../../config/retrieval-config.js';
import { IndexMissingError, UsageError } from '../../domain/errors.js';
import type { Embedder } from '../../retrieve/embedder.js';
import type { LoadedIndex } from '../../retrieve/index-store.js';
import type { Reranker } from '../../retrieve/rerank.js';
import type { HydeSource } from '../../retrieve/hyde.js';
import { TECHNIQUES, type Technique } from '../../retrieve/search-index.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';
import { setupLlm } from '../llm-flags.js';
import { resolveEmbedderFor, retrievalConfigFor } from './index-setup.js';

export interface IndexQueryArgs extends RetrievalFlags {
  question: string;
  technique?: string;
  k?: string | number;
  category?: string;
  source?: string;
}

interface Opened {
  index: LoadedIndex;
  embedder: Embedder;
}

/**
 * The index to query and an embedder matching it: the manifest's embedder unless one is named,
 * refreshed from its docs tree when that still exists, built from the default corpus when none exists.
 */
async function openForQuery(config: RetrievalConfig, args: IndexQueryArgs, io: CommandIo): Promise<Opened> {
  const { readManifest, MANIFEST_FILE } = await import('../../retrieve/index-manifest.js');
  const manifest = await readManifest(join(config.indexDir, MANIFEST_FILE));
  const named = args.embedder !== undefined || args.model !== undefined || io.env.K8SDIAG_EMBEDDER !== undefined;
  const fromManifest = manifest && !named ? { choice: manifest.embedder.kind === 'lexical' ? ('lexical' as const) : ('auto' as const), modelId: manifest.embedder.id } : {};
  const { embedder } = await resolveEmbedderFor(config, io, fromManifest);
  if (manifest && !named && embedder.id !== manifest.embedder.id) {
    // Rebuilding with the fallback would overwrite a good index because a model is missing today.
    throw new IndexMissingError(
      `Index at ${config.indexDir} was built with ${manifest.embedder.id}, which cannot be loaded here. Run \`k8sdiag models pull\` or pass --model-dir, or rebuild with --embedder lexical.`,
    );
  }

  const docsDir = args.docs ? config.docsDir : manifest ? (existsSync(manifest.docsDir) ? manifest.docsDir : undefined) : args.index ? undefined : config.docsDir;
  if (docsDir) {
    const { ensureIndex } = await import('../../retrieve/ensure-index.js');
    const ensured = await ensureIndex({ docsDir, indexDir: config.indexDir, embedder, chunker: manifest?.chunker ?? { maxTokens: config.chunkTokens, overlapTokens: config.chunkOverlap } });
    if (ensured.action === 'built') io.err(`note: index rebuilt (${ensured.reasons.join('; ')})\n`);
    return { index: ensured.index, embedder };
  }
  const { openIndex } = await import('../../retrieve/ensure-index.js');
  const index = await openIndex(config.indexDir);
  if (index.manifest.embedder.id !== embedder.id) {
    throw new IndexMissingError(
      `Index at ${config.indexDir} was built with ${index.manifest.embedder.id}, which is not available here (have ${embedder.id}), and its docs are gone. Rebuild it with \`k8sdiag index build --docs <dir> --index ${config.indexDir}\`.`,
    );
  }
  return { index, embedder };
}

/** `auto` uses a cross-encoder only when one is already on disk: a query never starts a 1 GB download. */
async function rerankerFor(config: RetrievalConfig, io: CommandIo): Promise<Reranker> {
  const { createLexicalReranker, loadCrossEncoderReranker } = await import('../../retrieve/rerank.js');
  if (config.reranker === 'lexical' || config.reranker === 'none') return createLexicalReranker();
  try {
    return await loadCrossEncoderReranker({
      modelId: config.rerankerModel,
      ...(config.modelDir ? { modelDir: config.modelDir } : {}),
      cacheDir: modelCacheDir(config),
      allowRemote: config.reranker === 'cross-encoder' && config.allowDownload,
      stallTimeoutMs: config.downloadStallMs,
    });
  } catch (error) {
    if (config.reranker === 'cross-encoder') throw new UsageError(`${error instanceof Error ? error.message : String(error)}. Run \`k8sdiag models pull --model ${config.rerankerModel}\`.`);
    io.err(`note: reranker ${config.rerankerModel} unavailable; using the lexical reranker\n`);
    return createLexicalReranker();
  }
}

/** `k8sdiag index query "<question>"`: best passages first, one per document. */
export async function run(args: IndexQueryArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const technique = (args.technique ?? 'hybrid') as Technique;
  if (!TECHNIQUES.includes(technique)) throw new UsageError(`--technique must be one of ${TECHNIQUES.join(', ')} (got "${args.technique}")`);
  const k = Number(args.k ?? 5);
  if (!Number.isInteger(k) || k <= 0) throw new UsageError(`-k must be a positive whole number (got "${args.k}")`);
  if (!args.question?.trim()) throw new UsageError('index query needs a question, e.g. k8sdiag index query "why is my pod OOMKilled"');

  const config = retrievalConfigFor(args, io);
  const { index, embedder } = await openForQuery(config, args, io);
  const reranker = technique === 'rerank' ? await rerankerFor(config, io) : undefined;
  const hyde = technique === 'hyde' ? await hydeFromConfiguredLlm(globals, io) : undefined;
  const { searchIndex } = await import('../../retrieve/search-index.js');
  const passages = await searchIndex(index, embedder, args.question, {
    technique,
    k,
    filter: { ...(args.category ? { category: args.category } : {}), ...(args.source ? { source: args.source } : {}) },
    ...(reranker ? { reranker } : {}),
    ...(hyde ? { hyde } : {}),
  });
  const results = passages.map(({ chunk, score }) => ({
    source: chunk.source,
    title: chunk.title,
    heading: chunk.headingPath.join(' > '),
    score: Math.round(score * 10000) / 10000,
  }));
  if (globals.output === 'json') {
    io.out(`${JSON.stringify({ results }, null, 2)}\n`);
    return 0;
  }
  if (results.length === 0) io.out('No matching passages.\n');
  results.forEach((result, i) => {
    io.out(`${i + 1}. ${result.title}${result.heading ? ` — ${result.heading}` : ''}\n   ${result.source}  (score ${result.score})\n`);
  });
  if (globals.verbose) io.err(`technique ${technique}, embedder ${embedder.id}, index ${config.indexDir}\n`);
  return 0;
}

/**
 * With an LLM configured (--llm, K8SDIAG_LLM or K8SDIAG_MODEL), HyDE's hypothetical passage comes
 * from the model; when the call fails, from the pattern the question points at, with a warning.
 * Without one, the search keeps its offline stand-in.
 */
async function hydeFromConfiguredLlm(globals: GlobalOptions, io: CommandIo): Promise<HydeSource | undefined> {
  const llm = await setupLlm({}, globals, io);
  if (!llm.deps || !llm.config.provider) return undefined;
  const { simpleModelRef } = await import('../../llm/simple-model-ref.js');
  const { llmHydeSource, patternHydeForQuestion } = await import('../../prompt/hyde-from-llm.js');
  const { loadDefaultPatterns } = await import('../../detect/patterns/load-patterns.js');
  const ref = simpleModelRef({ ...llm.config, provider: llm.config.provider }, llm.deps.registry.defaultModels(llm.config.provider));
  const model = llm.deps.registry.languageModel(ref);
  let question = '';
  const source = llmHydeSource({
    model,
    redact: llm.config.redact,
    ...(io.signal ? { abortSignal: io.signal } : {}),
    onFailure: (reason) => {
      const text = patternHydeForQuestion(question, loadDefaultPatterns());
      io.err(`warning: HyDE via ${ref} failed (${reason}); searching with ${text ? 'the matching pattern\'s cause and fix' : 'the offline stand-in'} instead\n`);
      return text;
    },
  });
  if (globals.verbose) io.err(`hyde: hypothetical passage from ${ref}\n`);
  return (q) => {
    question = q;
    return source(q);
  };
}

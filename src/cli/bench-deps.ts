import type { TechniqueOptions } from '../bench/techniques.js';
import { loadLlmConfig, readDotenv } from '../config/llm-config.js';
import { UsageError } from '../domain/errors.js';
import { createModelRegistry } from '../llm/default-registry.js';
import type { ModelRegistry } from '../llm/model-registry.js';
import type { DiagnoseDeps } from '../pipeline/diagnose.js';
import type { Retriever } from '../retrieve/retrieve-passages.js';
import type { CommandIo, GlobalOptions } from './command-context.js';
import { defaultRetriever } from './default-retriever.js';

/**
 * Technique → the pipeline's dependencies: which retriever (hybrid, hyde, rerank) and which
 * explain settings (prompt mode, forced route, alwaysLlm so the confidence shortcut does not
 * skip the model being measured). Retrievers and the model registry are built once per run.
 */
export function benchDepsFactory(globals: GlobalOptions, io: CommandIo, docsDir?: string, onNotice?: (line: string) => void): (technique: TechniqueOptions) => DiagnoseDeps {
  // One index and embedder for the whole run: the techniques differ only in how they search it,
  // and separate retrievers would race to build the same index directory.
  let base: Retriever | undefined;
  const retrieverFor = (mode: 'hybrid' | 'hyde' | 'rerank'): Retriever => {
    base ??= defaultRetriever(io, docsDir ? { docs: docsDir } : {}, onNotice);
    const shared = base;
    // rerank uses the lexical reranker (the search default): offline and repeatable.
    return { sourcePrefix: shared.sourcePrefix, search: (query, options) => shared.search(query, { ...options, technique: mode }) };
  };

  // One registry for the run; vendor SDKs load on the first call only.
  let registry: ModelRegistry | undefined;
  return (technique) => {
    const deps: DiagnoseDeps = technique.retrieval === 'none' ? {} : { retriever: retrieverFor(technique.retrieval) };
    if (!technique.llm) return deps;
    const { config, errors } = loadLlmConfig({
      llm: technique.llm.provider,
      ...(technique.llm.model ? { model: `${technique.llm.provider}:${technique.llm.model}` } : {}),
      ...(technique.llm.route !== 'auto' ? { route: technique.llm.route } : {}),
      alwaysLlm: true,
      ...(technique.promptMode ? { promptMode: technique.promptMode } : {}),
      timeoutMs: globals.timeoutMs,
    }, io.env, readDotenv(io.cwd));
    if (errors.length > 0) throw new UsageError(errors.join('; '));
    const timeout = { timeoutMs: config.timeoutMs };
    registry ??= createModelRegistry({
      openai: { ...config.connections.openai, ...timeout },
      anthropic: { ...config.connections.anthropic, ...timeout },
      ollama: { ...config.connections.ollama, ...timeout },
    });
    return { ...deps, llm: { registry, settings: config } };
  };
}

import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const EMBEDDER_CHOICES = ['auto', 'transformers', 'lexical'] as const;
export type EmbedderChoice = (typeof EMBEDDER_CHOICES)[number];
export const RERANKER_CHOICES = ['auto', 'cross-encoder', 'lexical', 'none'] as const;
export type RerankerChoice = (typeof RERANKER_CHOICES)[number];

export const DEFAULT_EMBEDDING_MODEL_ID = 'Xenova/bge-small-en-v1.5';
export const DEFAULT_RERANKER_MODEL_ID = 'Xenova/bge-reranker-base';

export interface RetrievalConfig {
  cacheDir: string;
  docsDir: string;
  indexDir: string;
  /** Offline model folder (`--model-dir`, `K8SDIAG_MODEL_DIR`); when set, nothing is downloaded. */
  modelDir?: string;
  /** `auto` tries the model and falls back to lexical with a notice; `transformers` insists on the model. */
  embedder: EmbedderChoice;
  embeddingModel: string;
  reranker: RerankerChoice;
  rerankerModel: string;
  /** False with `--offline` or `K8SDIAG_OFFLINE=1`: the hub is never contacted. */
  allowDownload: boolean;
  downloadStallMs: number;
  chunkTokens: number;
  chunkOverlap: number;
}

export interface RetrievalFlags {
  cacheDir?: string;
  docs?: string;
  index?: string;
  modelDir?: string;
  embedder?: string;
  model?: string;
  reranker?: string;
  rerankerModel?: string;
  offline?: boolean;
  chunkTokens?: number;
  chunkOverlap?: number;
}

export interface RetrievalConfigResult {
  config: RetrievalConfig;
  warnings: string[];
  errors: string[];
}

/** The package's own corpus; `src/config` and `dist/config` are both two levels below the package root. */
export const PACKAGE_DOCS_DIR = resolve(fileURLToPath(new URL('../../docs-corpus/', import.meta.url)));

const choice = <T extends readonly string[]>(values: T) => z.enum(values as unknown as [T[number], ...T[number][]]);

/** One index per docs tree, so building one for the Kubernetes docs never replaces the default. */
export function defaultIndexDir(cacheDir: string, docsDir: string): string {
  const digest = createHash('sha256').update(resolve(docsDir)).digest('hex').slice(0, 10);
  return join(cacheDir, 'indexes', `${basename(resolve(docsDir)) || 'docs'}-${digest}`);
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/** Precedence is flag > env > default. The only reader of the retrieval env vars. */
export function loadRetrievalConfig(flags: RetrievalFlags, env: NodeJS.ProcessEnv, cwd = process.cwd()): RetrievalConfigResult {
  const warnings: string[] = [];
  const errors: string[] = [];
  const home = env.HOME ?? homedir();
  const cacheRoot = flags.cacheDir ?? env.K8SDIAG_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'k8sdiag');
  const cacheDir = resolve(cwd, cacheRoot);
  const docsDir = flags.docs ? resolve(cwd, flags.docs) : PACKAGE_DOCS_DIR;
  const modelDirRaw = flags.modelDir ?? env.K8SDIAG_MODEL_DIR;

  const pick = <T extends string>(name: string, values: readonly T[], raw: string | undefined, fallback: T): T => {
    if (raw === undefined || raw === '') return fallback;
    const normalized = raw === 'bge' ? 'transformers' : raw;
    const parsed = choice(values).safeParse(normalized);
    if (parsed.success) return parsed.data as T;
    errors.push(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
    return fallback;
  };
  const embedder = pick('--embedder', EMBEDDER_CHOICES, flags.embedder ?? env.K8SDIAG_EMBEDDER, 'auto');
  const reranker = pick('--reranker', RERANKER_CHOICES, flags.reranker ?? env.K8SDIAG_RERANKER, 'auto');

  const positive = (name: string, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value <= 0) {
      errors.push(`${name} must be a positive whole number (got ${value})`);
      return fallback;
    }
    return value;
  };
  const chunkTokens = positive('--chunk-tokens', flags.chunkTokens, 320);
  const chunkOverlap = flags.chunkOverlap === undefined ? 48 : Math.max(0, Math.floor(flags.chunkOverlap));
  if (chunkOverlap >= chunkTokens) errors.push(`--chunk-overlap (${chunkOverlap}) must be smaller than --chunk-tokens (${chunkTokens})`);
  if (embedder === 'lexical' && (flags.model || modelDirRaw)) warnings.push('--embedder lexical ignores --model and --model-dir');

  // A hub that cannot be reached often hangs instead of refusing; 15 s without progress is a stall.
  const stall = Number(env.K8SDIAG_DOWNLOAD_STALL_MS ?? '15000');
  const config: RetrievalConfig = {
    cacheDir,
    docsDir,
    indexDir: flags.index ? resolve(cwd, flags.index) : defaultIndexDir(cacheDir, docsDir),
    ...(modelDirRaw ? { modelDir: resolve(cwd, modelDirRaw) } : {}),
    embedder,
    embeddingModel: flags.model ?? env.K8SDIAG_EMBEDDING_MODEL ?? DEFAULT_EMBEDDING_MODEL_ID,
    reranker,
    rerankerModel: flags.rerankerModel ?? env.K8SDIAG_RERANKER_MODEL ?? DEFAULT_RERANKER_MODEL_ID,
    allowDownload: !(flags.offline ?? truthy(env.K8SDIAG_OFFLINE)) && !modelDirRaw,
    downloadStallMs: Number.isFinite(stall) && stall > 0 ? stall : 15_000,
    chunkTokens,
    chunkOverlap,
  };
  return { config, warnings, errors };
}

/** transformers.js file cache lives beside the indexes so one `rm -rf` clears everything. */
export function modelCacheDir(config: RetrievalConfig): string {
  return join(config.cacheDir, 'models');
}

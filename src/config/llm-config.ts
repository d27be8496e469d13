import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';

export const LLM_MODES = ['none', 'auto', 'openai', 'anthropic', 'ollama'] as const;
export const PROMPT_MODES = ['zero-shot', 'one-shot', 'few-shot'] as const;
export type PromptMode = (typeof PROMPT_MODES)[number];
export type Route = 'simple' | 'reasoning';

export interface ProviderConnection {
  apiKey?: string;
  baseUrl?: string;
}

/** Everything the LLM layer is allowed to know about the environment, resolved once. */
export interface LlmConfig {
  /** The provider to use, or null: then the diagnosis is the deterministic one. */
  provider: string | null;
  /** Why `provider` is what it is, said plainly (shown with -v and when no LLM is used). */
  providerReason: string;
  /** `--model provider:model`: wins over routing. */
  model?: string;
  /** Per-provider overrides of the simple / reasoning model names. */
  simpleModel?: string;
  reasoningModel?: string;
  /** `--route`: skips the complexity router. */
  route?: Route;
  complexityThreshold: number;
  /** Rules at or above this confidence need no LLM call unless alwaysLlm. */
  confidenceThreshold: number;
  alwaysLlm: boolean;
  maxTokens: number;
  maxCost?: number;
  timeoutMs: number;
  anonymize: boolean;
  redact: boolean;
  showPrompt: boolean;
  showThinking: boolean;
  promptMode: PromptMode;
  connections: Record<'openai' | 'anthropic' | 'ollama', ProviderConnection>;
}

export interface LlmFlags {
  llm?: string;
  model?: string;
  route?: string;
  alwaysLlm?: boolean;
  maxTokens?: string | number;
  maxCost?: string | number;
  timeoutMs?: number;
  anonymize?: boolean;
  /** commander's `--no-redact` sets redact=false. */
  redact?: boolean;
  showPrompt?: boolean;
  showThinking?: boolean;
  promptMode?: string;
}

export interface LlmConfigResult {
  config: LlmConfig;
  warnings: string[];
  errors: string[];
}

/** `.env` values fill gaps only: a variable already in the real environment always wins. */
export function readDotenv(cwd: string): Record<string, string> {
  const path = join(cwd, '.env');
  if (!existsSync(path)) return {};
  return parseDotenv(readFileSync(path, 'utf8'));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function numberSetting(name: string, raw: string | number | undefined, fallback: number, range: [number, number], errors: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value) || value < range[0] || value > range[1]) {
    errors.push(`${name} must be a number between ${range[0]} and ${range[1]} (got "${String(raw)}")`);
    return fallback;
  }
  return value;
}

/**
 * Flags > real environment > .env > defaults. Returns every problem instead of throwing so
 * the CLI prints them together. `auto` picks the first configured provider in the order
 * openai, anthropic, ollama; nothing configured means no LLM, and the reason says so.
 */
export function loadLlmConfig(flags: LlmFlags, realEnv: Readonly<Record<string, string | undefined>>, dotenv: Readonly<Record<string, string>> = {}): LlmConfigResult {
  const env = (name: string): string | undefined => nonEmpty(realEnv[name]) ?? nonEmpty(dotenv[name]);
  const warnings: string[] = [];
  const errors: string[] = [];

  const connections: LlmConfig['connections'] = {
    openai: { ...(env('OPENAI_API_KEY') ? { apiKey: env('OPENAI_API_KEY') } : {}), ...(env('OPENAI_BASE_URL') ? { baseUrl: env('OPENAI_BASE_URL') } : {}) },
    anthropic: { ...(env('ANTHROPIC_API_KEY') ? { apiKey: env('ANTHROPIC_API_KEY') } : {}), ...(env('ANTHROPIC_BASE_URL') ? { baseUrl: env('ANTHROPIC_BASE_URL') } : {}) },
    ollama: env('OLLAMA_HOST') ? { baseUrl: normalizeOllamaHost(env('OLLAMA_HOST') ?? '') } : {},
  };
  const configured = {
    openai: Boolean(connections.openai.apiKey || connections.openai.baseUrl),
    anthropic: Boolean(connections.anthropic.apiKey),
    ollama: Boolean(connections.ollama.baseUrl),
  };

  const model = nonEmpty(flags.model) ?? env('K8SDIAG_MODEL');
  const mode = nonEmpty(flags.llm) ?? env('K8SDIAG_LLM') ?? (model ? 'auto' : 'none');
  let provider: string | null = null;
  let providerReason: string;
  if (!(LLM_MODES as readonly string[]).includes(mode)) {
    errors.push(`--llm must be one of ${LLM_MODES.join(', ')} (got "${mode}")`);
    providerReason = 'invalid --llm';
  } else if (model) {
    provider = model.includes(':') ? model.slice(0, model.indexOf(':')) : null;
    if (!provider) errors.push(`--model must be <provider>:<model>, e.g. ollama:llama3.1 (got "${model}")`);
    providerReason = `--model ${model}`;
  } else if (mode === 'none') {
    providerReason = 'no LLM requested (--llm none): deterministic diagnosis from rules, patterns and documents';
  } else if (mode === 'auto') {
    provider = (['openai', 'anthropic', 'ollama'] as const).find((p) => configured[p]) ?? null;
    providerReason = provider
      ? `--llm auto picked ${provider}, the first provider configured`
      : 'no LLM configured (set OPENAI_API_KEY, ANTHROPIC_API_KEY or OLLAMA_HOST): deterministic diagnosis from rules, patterns and documents';
  } else {
    provider = mode;
    providerReason = `--llm ${mode}`;
    if (mode === 'openai' && !configured.openai) errors.push('--llm openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server). Set it in the environment or .env.');
    if (mode === 'anthropic' && !configured.anthropic) errors.push('--llm anthropic needs ANTHROPIC_API_KEY. Set it in the environment or .env.');
  }

  const route = nonEmpty(flags.route);
  if (route !== undefined && route !== 'simple' && route !== 'reasoning') errors.push(`--route must be simple or reasoning (got "${route}")`);
  const promptMode = nonEmpty(flags.promptMode) ?? env('K8SDIAG_PROMPT_MODE') ?? 'few-shot';
  if (!(PROMPT_MODES as readonly string[]).includes(promptMode)) errors.push(`--prompt-mode must be one of ${PROMPT_MODES.join(', ')} (got "${promptMode}")`);
  const maxCostRaw = flags.maxCost ?? env('K8SDIAG_MAX_COST');
  const maxCost = maxCostRaw === undefined ? undefined : numberSetting('--max-cost', maxCostRaw, 0, [0, 1000], errors);
  if (flags.redact === false) warnings.push('--no-redact: secrets in logs and events will be sent to the LLM as they are');

  const simpleModel = env('K8SDIAG_SIMPLE_MODEL');
  const reasoningModel = env('K8SDIAG_REASONING_MODEL');
  const config: LlmConfig = {
    provider,
    providerReason,
    ...(model ? { model } : {}),
    ...(simpleModel ? { simpleModel } : {}),
    ...(reasoningModel ? { reasoningModel } : {}),
    ...(route === 'simple' || route === 'reasoning' ? { route } : {}),
    complexityThreshold: numberSetting('K8SDIAG_COMPLEXITY_THRESHOLD', env('K8SDIAG_COMPLEXITY_THRESHOLD'), 0.7, [0, 1], errors),
    confidenceThreshold: numberSetting('K8SDIAG_CONFIDENCE_THRESHOLD', env('K8SDIAG_CONFIDENCE_THRESHOLD'), 0.9, [0, 1], errors),
    alwaysLlm: flags.alwaysLlm ?? false,
    maxTokens: numberSetting('--max-tokens', flags.maxTokens ?? env('K8SDIAG_MAX_TOKENS'), 16_000, [256, 2_000_000], errors),
    ...(maxCost !== undefined ? { maxCost } : {}),
    timeoutMs: flags.timeoutMs ?? numberSetting('K8SDIAG_LLM_TIMEOUT', env('K8SDIAG_LLM_TIMEOUT'), 120, [1, 3600], errors) * 1000,
    anonymize: flags.anonymize ?? false,
    redact: flags.redact ?? true,
    showPrompt: flags.showPrompt ?? false,
    showThinking: flags.showThinking ?? false,
    promptMode: (PROMPT_MODES as readonly string[]).includes(promptMode) ? (promptMode as PromptMode) : 'few-shot',
    connections,
  };
  return { config, warnings, errors };
}

/** OLLAMA_HOST is often written as `host:port` without a scheme, as the ollama CLI accepts. */
function normalizeOllamaHost(host: string): string {
  return /^https?:\/\//.test(host) ? host : `http://${host}`;
}

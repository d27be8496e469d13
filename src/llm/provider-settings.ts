/** What a provider needs to build a model. Filled by config/llm-config.ts, never from process.env here. */
export interface ProviderSettings {
  apiKey?: string;
  /** OPENAI_BASE_URL, ANTHROPIC_BASE_URL or OLLAMA_HOST. */
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** For tests: skip real backoff waits. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface DefaultModels {
  simple: string;
  reasoning: string;
}

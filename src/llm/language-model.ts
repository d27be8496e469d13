/**
 * The one interface every vendor sits behind. Callers never see an SDK type: they hand over
 * plain messages and get text (and, when asked for, a parsed-but-unvalidated object) back.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /**
   * An assistant turn exactly as the vendor returned it (Anthropic thinking blocks with their
   * signatures, tool calls), sent back unchanged when the same provider gets this turn again.
   * Other providers use `content`.
   */
  providerContent?: { provider: string; content: readonly unknown[] };
}

/** A JSON schema the answer must follow (OpenAI structured outputs, Anthropic tool input, Ollama `format`). */
export interface StructuredOutput {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** Something the provider could not honour; the call still went ahead. */
export interface CallWarning {
  type: 'unsupported' | 'other';
  feature?: string;
  message: string;
}

export interface GenerateRequest {
  messages: readonly ChatMessage[];
  /** Upper bound on output tokens for this call. */
  maxOutputTokens?: number;
  temperature?: number;
  structuredOutput?: StructuredOutput;
  /** Ask for extended thinking / reasoning effort where the model supports it. */
  reasoning?: boolean;
  /** When given, the call streams and every text delta arrives here as it comes. */
  onText?: (delta: string) => void;
  abortSignal?: AbortSignal;
  /** Vendor-specific knobs, keyed by provider id, until three providers share one ("rule of 3"). */
  providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface TokenUsage {
  input: number;
  output: number;
}

export interface GenerateResult {
  /** The visible answer text, reasoning traces removed. */
  text: string;
  /** The structured answer when the vendor returned one separately (tool input); not yet validated. */
  object?: unknown;
  /** Reasoning trace: Anthropic thinking blocks, `<think>` sections, reasoning_content. */
  thinking?: string;
  finishReason: FinishReason;
  usage: TokenUsage;
  warnings: CallWarning[];
  /** The reply as a turn for a follow-up request (a repair), vendor content kept intact. */
  assistantMessage?: ChatMessage;
  /** The vendor response (or the accumulated stream), for debugging. */
  raw: unknown;
}

/** A model addressed as `provider:modelId`. */
export interface LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
}

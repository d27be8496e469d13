import { ProviderError } from '../domain/errors.js';

/** A failed vendor call, with what the retry loop needs: the status and the server's retry-after. */
export class ProviderCallError extends ProviderError {
  readonly retryAfterMs: number | undefined;
  constructor(provider: string, message: string, options: { statusCode?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(provider, message, options.statusCode, { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The user pressed Ctrl-C (or the caller aborted): never retried, never turned into a fallback silently. */
export class CallCancelledError extends ProviderError {
  constructor(provider: string) {
    super(provider, `${provider} call cancelled`);
  }
}

/** `retry-after` is seconds or an HTTP date; `retry-after-ms` (OpenAI, Anthropic) wins when present. */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

interface HttpLikeError {
  status?: unknown;
  type?: unknown;
  error?: { error?: { type?: unknown } } | unknown;
  status_code?: unknown;
  headers?: unknown;
  message?: unknown;
  name?: unknown;
}

function hasGet(value: unknown): value is { get(name: string): string | null } {
  return typeof value === 'object' && value !== null && typeof (value as { get?: unknown }).get === 'function';
}

// An error event inside a 200 stream has no HTTP status; its type says what the status would be.
const STATUS_OF_ERROR_TYPE: Readonly<Record<string, number>> = { overloaded_error: 529, api_error: 500, rate_limit_error: 429, timeout_error: 504, request_too_large: 413 };

function statusOf(e: HttpLikeError): number | undefined {
  if (typeof e.status === 'number') return e.status;
  if (typeof e.status_code === 'number') return e.status_code;
  const nested = typeof e.error === 'object' && e.error !== null ? (e.error as { error?: { type?: unknown } }).error?.type : undefined;
  const type = typeof e.type === 'string' ? e.type : typeof nested === 'string' ? nested : undefined;
  return type === undefined ? undefined : STATUS_OF_ERROR_TYPE[type];
}

/**
 * Turns whatever an SDK threw into a ProviderCallError. The SDKs disagree on field names
 * (`status` vs `status_code`) but all carry the HTTP status and, for OpenAI/Anthropic, headers.
 */
export function toProviderCallError(provider: string, error: unknown, action: string): ProviderCallError {
  if (error instanceof ProviderCallError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as HttpLikeError;
  const status = statusOf(e);
  const retryAfterMs = parseRetryAfter(hasGet(e.headers) ? e.headers : undefined, Date.now());
  const detail = typeof e.message === 'string' ? e.message : String(error);
  const hint = status === 401 || status === 403 ? ` ${action}` : '';
  return new ProviderCallError(provider, `${provider} request failed${status ? ` (HTTP ${status})` : ''}: ${detail}.${hint}`, {
    ...(status !== undefined ? { statusCode: status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    cause: error,
  });
}

import { CallCancelledError, ProviderCallError, toProviderCallError } from './provider-error.js';

export interface RetryOptions {
  provider: string;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Per attempt; a hung server becomes a timeout error instead of a hung CLI. */
  timeoutMs: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  abortSignal?: AbortSignal;
  /** What the user should do when the key is refused, e.g. "Set OPENAI_API_KEY." */
  authHint?: string;
  /** Injected so tests do not wait; defaults to a real timer that stops on abort. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs one vendor call with a per-attempt timeout, retrying 408/409/429/5xx with exponential
 * backoff. A server's retry-after wins over our backoff (capped by maxDelayMs), because
 * retrying earlier only earns another 429.
 */
export async function withRetry<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const initial = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 20_000;
  for (let index = 0; ; index++) {
    if (options.abortSignal?.aborted) throw new CallCancelledError(options.provider);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, timeout]) : timeout;
    try {
      return await attempt(signal);
    } catch (error) {
      if (options.abortSignal?.aborted) throw new CallCancelledError(options.provider);
      const failure = timeout.aborted
        ? new ProviderCallError(options.provider, `${options.provider} did not answer within ${Math.round(options.timeoutMs / 1000)}s. Raise --timeout or use a smaller model.`, { cause: error })
        : toProviderCallError(options.provider, error, options.authHint ?? '');
      if (!failure.isRetryable || index >= options.maxRetries) throw failure;
      const backoff = Math.min(maxDelay, initial * 2 ** index);
      await sleep(failure.retryAfterMs !== undefined ? Math.min(maxDelay, failure.retryAfterMs) : backoff, options.abortSignal);
    }
  }
}

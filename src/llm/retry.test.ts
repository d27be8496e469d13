import { describe, expect, it } from 'vitest';
import { parseRetryAfter, ProviderCallError } from './provider-error.js';
import { withRetry } from './retry.js';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe('retry', () => {
  it('reads retry-after as seconds, as an HTTP date, and prefers retry-after-ms', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    expect(parseRetryAfter(headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Fri, 20 Nov 2026 10:00:05 GMT' }), now)).toBe(5000);
    expect(parseRetryAfter(headers({ 'retry-after': '2', 'retry-after-ms': '150' }), now)).toBe(150);
  });

  it('backs off exponentially on 5xx and never retries a 400', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = withRetry(async () => {
      calls++;
      throw new ProviderCallError('x', 'boom', { statusCode: 503 });
    }, { provider: 'x', maxRetries: 3, timeoutMs: 1000, initialDelayMs: 100, sleep: async (ms) => void waits.push(ms) });
    await expect(failing).rejects.toThrow('boom');
    expect(calls).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
    calls = 0;
    await expect(withRetry(async () => {
      calls++;
      throw new ProviderCallError('x', 'bad request', { statusCode: 400 });
    }, { provider: 'x', maxRetries: 3, timeoutMs: 1000 })).rejects.toThrow('bad request');
    expect(calls).toBe(1);
  });
});

import http from 'node:http';
import https from 'node:https';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface HttpTarget {
  url: URL;
  options: https.RequestOptions;
  timeoutMs: number;
}

/** A failed API request: an HTTP status with the API's own Status reason, a timeout, or no connection at all. */
export class ApiRequestError extends Error {
  readonly status: number | undefined;
  /** The API's Status `reason` (Forbidden, NotFound, ...) or `Timeout` / `Unreachable`. */
  readonly reason: string;
  /** From a `Retry-After` header or the Status `details.retryAfterSeconds` (429 from API Priority and Fairness). */
  readonly retryAfterSeconds: number | undefined;
  constructor(message: string, reason: string, status?: number, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options);
    this.name = 'ApiRequestError';
    this.reason = reason;
    this.status = status;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  get unreachable(): boolean {
    return this.reason === 'Unreachable';
  }
}

const REASON_BY_STATUS: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
  406: 'NotAcceptable', 409: 'Conflict', 410: 'Gone', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError',
  502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'Timeout',
};

interface RawResponse {
  status: number;
  body: Buffer;
  truncated: boolean;
  retryAfter: string | undefined;
}

/** API servers gzip large responses when asked; proxies in front of them sometimes do it unasked. */
function decodedBody(response: http.IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  return response;
}

/**
 * GET with an overall deadline. The (decoded) body is read up to `limitBytes` (+1 to know whether
 * more followed) and then the socket is destroyed, so a huge body never sits in memory.
 */
function get(target: HttpTarget, limitBytes: number): Promise<RawResponse> {
  const transport = target.url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const request = transport.get(target.url, target.options, (response) => {
      const status = response.statusCode ?? 0;
      const retryAfter = headerValue(response.headers['retry-after']);
      const chunks: Buffer[] = [];
      let size = 0;
      const body = decodedBody(response);
      body.on('data', (chunk: Buffer) => {
        if (size > limitBytes) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size > limitBytes) {
          const kept = Buffer.concat(chunks).subarray(0, limitBytes);
          finish(() => resolve({ status, body: kept, truncated: true, retryAfter }));
          request.destroy();
        }
      });
      body.on('end', () => finish(() => resolve({ status, body: Buffer.concat(chunks), truncated: false, retryAfter })));
      body.on('error', (error) => finish(() => reject(body === response
        ? networkError(target, error)
        : new ApiRequestError(`undecodable ${String(response.headers['content-encoding'])} body from ${target.url.pathname}`, 'BadResponse', status, { cause: error }))));
      if (body !== response) response.on('error', (error) => finish(() => reject(networkError(target, error))));
    });
    const timer = setTimeout(() => {
      finish(() => reject(new ApiRequestError(`no answer from ${target.url.host} within ${formatMs(target.timeoutMs)}`, 'Timeout')));
      request.destroy();
    }, target.timeoutMs);
    request.on('error', (error) => finish(() => reject(networkError(target, error))));
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function networkError(target: HttpTarget, error: Error): ApiRequestError {
  const code = (error as NodeJS.ErrnoException).code;
  // TLS failures carry the useful part in the message (which certificate, which name).
  const detail = code && /CERT|SELF_SIGNED|TLS|SSL|ERR_TLS/.test(code) ? `${code} (${error.message})` : code ?? error.message;
  return new ApiRequestError(`cannot reach ${target.url.origin}: ${detail}`, 'Unreachable', undefined, { cause: error });
}

/** Seconds from a Retry-After header: delta-seconds, or an HTTP date (rare from API servers). */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function statusError(response: RawResponse): ApiRequestError {
  const { status, body } = response;
  let reason = REASON_BY_STATUS[status] ?? `HTTP ${status}`;
  let message = body.toString('utf8').slice(0, 2000);
  let retryAfterSeconds = parseRetryAfter(response.retryAfter);
  try {
    const parsed = JSON.parse(message) as { kind?: string; reason?: string; message?: string; details?: { retryAfterSeconds?: number } };
    if (parsed.kind === 'Status') {
      reason = parsed.reason || reason;
      message = parsed.message || message;
      retryAfterSeconds ??= typeof parsed.details?.retryAfterSeconds === 'number' ? parsed.details.retryAfterSeconds : undefined;
    }
  } catch {
    // Not JSON (a proxy's or load balancer's HTML page, say): keep its text without the markup.
    message = message.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() || `HTTP ${status}`;
  }
  const line = (message.split('\n')[0] ?? message).slice(0, 300);
  return new ApiRequestError(line, reason, status, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
}

/** Lists can be large (scan -A); 256 MiB is far above any real list page and still a hard ceiling. */
const JSON_LIMIT = 256 * 1024 * 1024;

export async function requestJson(target: HttpTarget): Promise<unknown> {
  const response = await get(target, JSON_LIMIT);
  if (response.status < 200 || response.status >= 300) throw statusError(response);
  if (response.truncated) throw new ApiRequestError(`response from ${target.url.pathname} exceeds ${JSON_LIMIT} bytes`, 'TooLarge', response.status);
  try {
    return JSON.parse(response.body.toString('utf8')) as unknown;
  } catch (error) {
    throw new ApiRequestError(`invalid JSON from ${target.url.pathname}`, 'BadResponse', response.status, { cause: error });
  }
}

export async function requestBody(target: HttpTarget, limitBytes: number): Promise<{ text: string; truncated: boolean }> {
  const response = await get(target, limitBytes);
  if (response.status < 200 || response.status >= 300) throw statusError(response);
  return { text: response.body.toString('utf8'), truncated: response.truncated };
}

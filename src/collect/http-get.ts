import http from 'node:http';
import https from 'node:https';

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
  constructor(message: string, reason: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiRequestError';
    this.reason = reason;
    this.status = status;
  }

  get unreachable(): boolean {
    return this.reason === 'Unreachable';
  }
}

const REASON_BY_STATUS: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
  409: 'Conflict', 410: 'Gone', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError',
  503: 'ServiceUnavailable', 504: 'Timeout',
};

/**
 * GET with an overall deadline. The body is read up to `limitBytes` (+1 to know whether more
 * followed) and then the socket is destroyed, so a huge body never sits in memory.
 */
function get(target: HttpTarget, limitBytes: number): Promise<{ status: number; body: Buffer; truncated: boolean }> {
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
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size > limitBytes) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size > limitBytes) {
          const body = Buffer.concat(chunks).subarray(0, limitBytes);
          finish(() => resolve({ status: response.statusCode ?? 0, body, truncated: true }));
          request.destroy();
        }
      });
      response.on('end', () => finish(() => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), truncated: false })));
      response.on('error', (error) => finish(() => reject(networkError(target, error))));
    });
    const timer = setTimeout(() => {
      finish(() => reject(new ApiRequestError(`no answer from ${target.url.host} within ${target.timeoutMs} ms`, 'Timeout')));
      request.destroy();
    }, target.timeoutMs);
    request.on('error', (error) => finish(() => reject(networkError(target, error))));
  });
}

function networkError(target: HttpTarget, error: Error): ApiRequestError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ApiRequestError(`cannot reach ${target.url.origin}: ${code ?? error.message}`, 'Unreachable', undefined, { cause: error });
}

function statusError(status: number, body: Buffer): ApiRequestError {
  let reason = REASON_BY_STATUS[status] ?? `HTTP ${status}`;
  let message = body.toString('utf8').slice(0, 300);
  try {
    const parsed = JSON.parse(message) as { kind?: string; reason?: string; message?: string };
    if (parsed.kind === 'Status') {
      reason = parsed.reason || reason;
      message = parsed.message ?? message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the raw text.
  }
  return new ApiRequestError(message.split('\n')[0] ?? message, reason, status);
}

/** Lists can be large (scan -A); 256 MiB is far above any real list and still a hard ceiling. */
const JSON_LIMIT = 256 * 1024 * 1024;

export async function requestJson(target: HttpTarget): Promise<unknown> {
  const { status, body, truncated } = await get(target, JSON_LIMIT);
  if (status < 200 || status >= 300) throw statusError(status, body);
  if (truncated) throw new ApiRequestError(`response from ${target.url.pathname} exceeds ${JSON_LIMIT} bytes`, 'TooLarge', status);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (error) {
    throw new ApiRequestError(`invalid JSON from ${target.url.pathname}`, 'BadResponse', status, { cause: error });
  }
}

export async function requestBody(target: HttpTarget, limitBytes: number): Promise<{ text: string; truncated: boolean }> {
  const { status, body, truncated } = await get(target, limitBytes);
  if (status < 200 || status >= 300) throw statusError(status, body);
  return { text: body.toString('utf8'), truncated };
}

import { afterEach } from 'vitest';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply. Exactly one of json / sse / ndjson / raw, or `hang` to never answer. */
export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** Server-sent events, written as `event:` (when named) + `data:` lines. */
  sse?: { event?: string; data: unknown }[];
  ndjson?: unknown[];
  raw?: string;
  hang?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface LoopbackServer {
  origin: string;
  /** Every request that arrived, accepted or rejected. */
  requests: RecordedRequest[];
  /** Requests the server's validator refused, with the error it sent (a real server would refuse them too). */
  rejections: { request: RecordedRequest; reply: ScriptedReply }[];
  close(): Promise<void>;
}

export interface LoopbackOptions {
  /**
   * The vendor's request rules: returns the error reply a real server would send, or undefined
   * to serve the next scripted reply. Rejected requests do not use up the script.
   */
  validate?: (request: RecordedRequest) => ScriptedReply | undefined;
}

function write(res: ServerResponse, reply: ScriptedReply): void {
  const status = reply.status ?? 200;
  if (reply.sse) {
    res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
    for (const item of reply.sse) {
      const data = typeof item.data === 'string' ? item.data : JSON.stringify(item.data);
      res.write(`${item.event ? `event: ${item.event}\n` : ''}data: ${data}\n\n`);
    }
    res.end();
  } else if (reply.ndjson) {
    res.writeHead(status, { 'content-type': 'application/x-ndjson', ...reply.headers });
    for (const line of reply.ndjson) res.write(`${JSON.stringify(line)}\n`);
    res.end();
  } else if (reply.raw !== undefined) {
    res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.raw);
  } else {
    res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.json ?? {}));
  }
}

/**
 * A real HTTP server on 127.0.0.1 (random port) that records each request body and answers
 * from a script, so the vendor SDKs run unmodified over their real wire protocol.
 * Once the script runs out, the last reply repeats.
 */
export async function startLoopbackServer(script: readonly ScriptedReply[], options: LoopbackOptions = {}): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const rejections: LoopbackServer['rejections'] = [];
  let served = 0;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = { unparsed: text };
      }
      const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      const rejection = options.validate?.(recorded);
      if (rejection) {
        rejections.push({ request: recorded, reply: rejection });
        write(res, rejection);
        return;
      }
      const reply = script[Math.min(served, script.length - 1)] ?? { status: 500, json: { error: 'no script' } };
      served++;
      if (reply.hang) {
        hanging.add(res);
        return;
      }
      write(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    rejections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Servers a test pushes here are closed after each test, so no file repeats that bookkeeping. */
export function closeServersAfterEach(): LoopbackServer[] {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return servers;
}

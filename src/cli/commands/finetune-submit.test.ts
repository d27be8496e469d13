import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo, globalsFor } from '../../../test/helpers/capture-io.js';
import { exitCodeForError } from '../handle-error.js';
import { run } from './finetune-submit.js';

interface Upload {
  purpose: string;
  filename: string;
  content: string;
  contentType: string;
}

/** Speaks just enough of /v1/files (multipart) and /v1/fine_tuning/jobs for the SDK. */
function startFineTuneServer() {
  const uploads: Upload[] = [];
  const jobs = new Map<string, Record<string, unknown>>();
  const authHeaders: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      authHeaders.push(req.headers.authorization ?? '');
      const reply = (status: number, json: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.method === 'POST' && req.url === '/v1/files') {
        const contentType = req.headers['content-type'] ?? '';
        const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
        const parts = body.split(`--${boundary}`).filter((p) => p.includes('Content-Disposition'));
        const field = (name: string) => parts.find((p) => p.includes(`name="${name}"`)) ?? '';
        const valueOf = (part: string) => part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
        const upload = { purpose: valueOf(field('purpose')), filename: /filename="([^"]+)"/.exec(field('file'))?.[1] ?? '', content: valueOf(field('file')), contentType };
        uploads.push(upload);
        reply(200, { id: `file-${uploads.length}`, object: 'file', bytes: upload.content.length, created_at: 1, filename: upload.filename, purpose: upload.purpose, status: 'processed' });
      } else if (req.method === 'POST' && req.url === '/v1/fine_tuning/jobs') {
        const request = JSON.parse(body) as { model: string; training_file: string; validation_file?: string };
        if (!uploads.some((_, i) => `file-${i + 1}` === request.training_file)) return reply(400, { error: { message: 'invalid training_file', type: 'invalid_request_error' } });
        const job = { id: `ftjob-${jobs.size + 1}`, object: 'fine_tuning.job', created_at: 1, model: request.model, training_file: request.training_file, validation_file: request.validation_file ?? null, status: 'validating_files', fine_tuned_model: null, trained_tokens: null, error: null, hyperparameters: {}, organization_id: 'org', result_files: [], seed: 1 };
        jobs.set(job.id, job);
        reply(200, job);
      } else if (req.method === 'GET' && req.url?.startsWith('/v1/fine_tuning/jobs/')) {
        const job = jobs.get(req.url.split('/').pop() ?? '');
        if (!job) return reply(404, { error: { message: 'No such job', type: 'invalid_request_error' } });
        reply(200, { ...job, status: 'succeeded', fine_tuned_model: `ft:${String(job.model)}:org::abc123`, trained_tokens: 4242 });
      } else reply(404, { error: { message: `unexpected ${req.method} ${req.url}` } });
    });
  });
  return new Promise<{ origin: string; uploads: Upload[]; jobs: typeof jobs; authHeaders: string[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      uploads,
      jobs,
      authHeaders,
      close: () => new Promise((done) => server.close(() => done())),
    })));
}

let work: string;
let server: Awaited<ReturnType<typeof startFineTuneServer>>;
beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sdiag-ft-submit-'));
  writeFileSync(join(work, 'train.jsonl'), '{"messages":[{"role":"user","content":"a"}]}\n');
  writeFileSync(join(work, 'val.jsonl'), '{"messages":[{"role":"user","content":"b"}]}\n');
  server = await startFineTuneServer();
});
afterEach(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({ OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: `${server.origin}/v1` });

describe('finetune submit / status (openai SDK against a loopback server)', () => {
  it('uploads both files as fine-tune purpose and creates a job that references them', async () => {
    const io = captureIo(env(), work);
    const code = await run({ action: 'submit', provider: 'openai', file: 'train.jsonl', validation: 'val.jsonl', model: 'gpt-4.1-mini-2025-04-14' }, globalsFor(), io);
    expect(code).toBe(0);
    expect(server.uploads.map((u) => [u.purpose, u.filename])).toEqual([['fine-tune', 'train.jsonl'], ['fine-tune', 'val.jsonl']]);
    expect(server.uploads[0]?.contentType).toMatch(/^multipart\/form-data/);
    expect(server.uploads[0]?.content).toContain('"content":"a"');
    expect([...server.jobs.values()][0]).toMatchObject({ model: 'gpt-4.1-mini-2025-04-14', training_file: 'file-1', validation_file: 'file-2' });
    expect(server.authHeaders.every((h) => h === 'Bearer sk-test-key')).toBe(true);
    expect(io.stdout()).toMatch(/job:\s+ftjob-1/);
    expect(io.stdout()).toContain('k8sdiag finetune status ftjob-1');
  });

  it('reports status with the fine-tuned model name and how to bench it', async () => {
    await run({ action: 'submit', file: 'train.jsonl', model: 'gpt-4o-mini' }, globalsFor(), captureIo(env(), work));
    const io = captureIo(env(), work);
    await run({ action: 'status', job: 'ftjob-1' }, globalsFor({ output: 'json' }), io);
    expect(JSON.parse(io.stdout())).toMatchObject({ id: 'ftjob-1', status: 'succeeded', fineTunedModel: 'ft:gpt-4o-mini:org::abc123', trainedTokens: 4242 });
  });

  it('turns a vendor 404 into one provider error line', async () => {
    const error = await run({ action: 'status', job: 'ftjob-missing' }, globalsFor(), captureIo(env(), work)).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^openai fine-tuning: 404/);
  });

  it('needs a key and a known provider before calling anything', async () => {
    const noKey = await run({ action: 'submit', file: 'train.jsonl', model: 'm' }, globalsFor(), captureIo({}, work)).catch((e: unknown) => e);
    expect((noKey as Error).message).toMatch(/OPENAI_API_KEY/);
    expect(exitCodeForError(noKey)).toBe(2);
    const other = await run({ action: 'submit', provider: 'anthropic', file: 'train.jsonl', model: 'm' }, globalsFor(), captureIo(env(), work)).catch((e: unknown) => e);
    expect((other as Error).message).toMatch(/no hosted fine-tuning/);
    expect(server.uploads).toHaveLength(0);
  });
});

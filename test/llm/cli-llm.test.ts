import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runAsk } from '../../src/cli/commands/ask.js';
import { run as runDiagnose } from '../../src/cli/commands/diagnose.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { openAiStream, startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';
import { loadCaseWithSecrets, PLANTED_SECRETS } from './explain-fixture.js';

const servers = closeServersAfterEach();

function snapshotFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-llm-'));
  const file = join(dir, 'snap.json');
  writeFileSync(file, JSON.stringify(loadCaseWithSecrets()));
  return { dir, file };
}

describe('LLM flags on the CLI', () => {
  it('--show-prompt prints the redacted prompt and makes no call', async () => {
    const server = await startFakeOpenAiServer([openAiStream(['never'])]);
    servers.push(server);
    const { dir, file } = snapshotFile();
    const io = captureIo({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl }, dir);
    const code = await runDiagnose({ from: file, llm: 'openai', showPrompt: true, alwaysLlm: true }, globalsFor(), io);
    expect(code).toBe(0);
    expect(io.stdout()).toContain('## Filtered logs');
    expect(io.stdout()).toContain('no call made');
    for (const secret of PLANTED_SECRETS) expect(io.stdout()).not.toContain(secret);
    expect(server.requests).toHaveLength(0);
  });

  it('reads the provider from .env and -v prints the score, its features and the route', async () => {
    const { dir, file } = snapshotFile();
    writeFileSync(join(dir, '.env'), 'K8SDIAG_MODEL=fake:echo\n');
    const io = captureIo({}, dir);
    await runDiagnose({ from: file, alwaysLlm: true }, globalsFor({ verbose: true, output: 'json' }), io);
    expect(io.stderr()).toMatch(/llm: complexity \d\.\d\d/);
    expect(io.stderr()).toMatch(/llm: route (simple|reasoning) → fake:echo/);
    const diagnosis = JSON.parse(io.stdout()) as { llm: { provider: string; tokens: { input: number }; latencyMs: number } };
    expect(diagnosis.llm.provider).toBe('fake');
    expect(diagnosis.llm.tokens.input).toBeGreaterThan(0);
  });

  it('says plainly when no LLM is configured', async () => {
    const { dir, file } = snapshotFile();
    const io = captureIo({}, dir);
    await runDiagnose({ from: file, llm: 'auto' }, globalsFor({ verbose: true, llm: 'auto' }), io);
    expect(io.stderr()).toMatch(/no LLM configured .*deterministic diagnosis/);
  });
});

describe('k8sdiag ask (knowledge)', () => {
  it('streams an LLM answer and lists its sources', async () => {
    const server = await startFakeOpenAiServer([openAiStream(['CrashLoopBackOff means ', 'the container keeps exiting [doc:x].'])]);
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-ask-'));
    const io = captureIo({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl, K8SDIAG_DOCS_DIR: join(dir, 'none') }, dir);
    const code = await runAsk({ question: 'what does CrashLoopBackOff mean?', llm: 'openai' }, globalsFor({ llm: 'openai' }), io);
    expect(code).toBe(0);
    expect(io.stdout()).toContain('CrashLoopBackOff means the container keeps exiting');
    expect(server.requests[0]?.body.stream).toBe(true);
    expect(JSON.stringify(server.requests[0]?.body.messages)).toContain('what does CrashLoopBackOff mean?');
  });
});

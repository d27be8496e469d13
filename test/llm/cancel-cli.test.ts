import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';
import { loadCaseWithSecrets } from './explain-fixture.js';

/** The built CLI, run as a user runs it (`npm test` builds first). */
const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;

const servers = closeServersAfterEach();

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Ctrl-C during an LLM call', { timeout: 30_000 }, () => {
  it('stops the call, prints one line, prints no diagnosis and exits 130', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\``);
    const server = await startFakeOpenAiServer([{ hang: true }]);
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-cancel-'));
    const file = join(dir, 'snap.json');
    writeFileSync(file, JSON.stringify(loadCaseWithSecrets()));
    const child = spawn(process.execPath, [CLI, 'diagnose', '--from', file, '--llm', 'openai', '--always-llm', '--no-retrieval', '--no-history'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: '1', K8SDIAG_HOME: dir, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    await until(() => server.requests.length > 0, 15_000);
    const sentAt = Date.now();
    child.kill('SIGINT');
    const code = await exited;

    expect(code).toBe(130);
    expect(stderr).toBe('k8sdiag: cancelled\n');
    expect(stdout).toBe('');
    // Aborted through the signal, not by the fallback timer that forces an exit after 2 s.
    expect(Date.now() - sentAt).toBeLessThan(1800);
    // The request really was the diagnosis call, and it was not retried after the abort.
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/v1/chat/completions');
  });
});

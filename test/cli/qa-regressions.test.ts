import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { run as askCommand } from '../../src/cli/commands/ask.js';
import { run as detectorsCommand } from '../../src/cli/commands/detectors-list.js';
import { run as diagnoseCommand } from '../../src/cli/commands/diagnose.js';
import { run as finetuneExport } from '../../src/cli/commands/finetune-export.js';
import { run as indexBuild } from '../../src/cli/commands/index-build.js';
import { run as scanCommand } from '../../src/cli/commands/scan.js';
import { run as snapshotCommand } from '../../src/cli/commands/snapshot.js';
import { exitCodeForError } from '../../src/cli/handle-error.js';
import { buildProgram } from '../../src/cli/program.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { shopCluster } from '../collect/cluster-objects.js';
import { startShopServer } from '../collect/shop-server.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'examples', 'crashloop-missing-db.json');
const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;

function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'k8sdiag-qa-'));
}

/** A user's io: fresh history and cache, working directory of its own. */
function userIo(cwd = tempHome()) {
  return captureIo({ K8SDIAG_HOME: cwd, K8SDIAG_CACHE_DIR: join(cwd, 'cache') }, cwd);
}

async function exitOf(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: exitCodeForError(error), message: error instanceof Error ? error.message : String(error) };
  }
  throw new Error('expected the command to fail');
}

function helpOf(path: string[]): string {
  let command: Command = buildProgram('0.0.0-test');
  for (const name of path) command = command.commands.find((c) => c.name() === name) as Command;
  return command.helpInformation();
}

describe('--help lists only the flags a command acts on', () => {
  it.each([
    [['detectors'], ['--fail-on', '--llm', '--timeout', '--kubeconfig']],
    [['history', 'list'], ['--fail-on', '--llm', '--timeout']],
    [['feedback'], ['--fail-on', '--llm', '--timeout']],
    [['snapshot'], ['--fail-on', '--llm']],
    [['scan'], ['--llm', '--model', '--show-prompt', '--no-history', '--no-retrieval']],
    [['index', 'build'], ['--fail-on', '--llm', '--timeout']],
    [['finetune', 'export'], ['--fail-on', '--llm', '--timeout']],
  ])('%j has none of %j', (path, absent) => {
    const help = helpOf(path);
    for (const flag of absent) expect(help).not.toMatch(new RegExp(`${flag}\\b`));
  });

  it('the diagnosis commands keep them, and scan keeps what decides its exit code', () => {
    for (const flag of ['--fail-on', '--llm', '--timeout', '--detector', '--baseline']) expect(helpOf(['pod'])).toContain(flag);
    for (const flag of ['--fail-on', '--timeout', '--detector', '--baseline', '--ignore-file']) expect(helpOf(['scan'])).toContain(flag);
    expect(helpOf(['finetune', 'submit'])).toContain('--timeout');
  });

  it('still accepts --no-color everywhere (scripts pass it blindly)', async () => {
    const program = buildProgram('0.0.0-test');
    const history = program.commands.find((c) => c.name() === 'detectors') as Command;
    expect(history.options.some((o) => o.long === '--no-color')).toBe(true);
  });
});

describe('diagnose flags that used to be ignored', () => {
  it('--detector restricts the rules that run', async () => {
    const all = userIo();
    await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false }, globalsFor({ output: 'json' }), all);
    const only = userIo();
    await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false, detector: ['oom-killed'] }, globalsFor({ output: 'json' }), only);
    // Pattern matches (`pattern:<id>`) are not detectors and still apply.
    const detectorsOf = (text: string) => (JSON.parse(text) as { findings: { detectors?: string[] }[] }).findings
      .flatMap((f) => f.detectors ?? []).filter((id) => !id.startsWith('pattern:'));
    expect(detectorsOf(all.stdout())).toContain('crash-loop-back-off');
    expect(detectorsOf(only.stdout()).every((id) => id === 'oom-killed')).toBe(true);
  });

  it('an unknown --detector id is a usage error naming it', async () => {
    const result = await exitOf(diagnoseCommand({ from: EXAMPLE, history: false, detector: ['crashloop'] }, globalsFor(), userIo()));
    expect(result.code).toBe(2);
    expect(result.message).toContain('unknown detector "crashloop"');
  });

  it('--model with an unknown provider is a usage error, not a silent rules-only answer', async () => {
    const io = userIo();
    const result = await exitOf(diagnoseCommand({ from: EXAMPLE, history: false, model: 'olama:llama3.1', alwaysLlm: true }, globalsFor(), io));
    expect(result.code).toBe(2);
    expect(result.message).toContain('Unknown LLM provider "olama"');
    expect(io.stdout()).toBe('');
  });

  it('--show-prompt -o json prints one JSON document with the messages', async () => {
    const io = userIo();
    const code = await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false, model: 'fake:echo', alwaysLlm: true, showPrompt: true }, globalsFor({ output: 'json' }), io);
    expect(code).toBe(0);
    const printed = JSON.parse(io.stdout()) as { messages: { role: string; content: string }[]; called: boolean };
    expect(printed.called).toBe(false);
    expect(printed.messages.map((m) => m.role)).toContain('system');
  });
});

describe('bad input is one line and exit 2, nothing overwritten', () => {
  it.each([
    ['a missing directory', (dir: string) => join(dir, 'nope'), 'no such directory'],
    ['a file', (dir: string) => { writeFileSync(join(dir, 'README.md'), '# hi\n'); return join(dir, 'README.md'); }, 'not a directory'],
    ['an empty directory', (dir: string) => { mkdirSync(join(dir, 'empty')); return join(dir, 'empty'); }, 'no markdown files'],
  ])('index build --docs on %s', async (_what, make, message) => {
    const dir = tempHome();
    const io = userIo(dir);
    const result = await exitOf(indexBuild({ docs: make(dir), index: join(dir, 'idx'), embedder: 'lexical' }, globalsFor(), io));
    expect(result.code).toBe(2);
    expect(result.message).toContain(message);
    expect(existsSync(join(dir, 'idx'))).toBe(false);
  });

  it('finetune export --out onto an existing file', async () => {
    const dir = tempHome();
    writeFileSync(join(dir, 'notes.txt'), 'keep me\n');
    const result = await exitOf(finetuneExport({ out: 'notes.txt', scenarios: join(import.meta.dirname, '..', '..', 'fixtures', 'scenarios') }, globalsFor(), userIo(dir)));
    expect(result.code).toBe(2);
    expect(result.message).toContain('--out notes.txt: exists and is not a directory');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me\n');
  });

  it('an empty ask question', async () => {
    const result = await exitOf(askCommand({ question: '  ' }, globalsFor(), userIo()));
    expect(result.code).toBe(2);
  });

  it('a .k8sdiagignore category typo says which category was meant', async () => {
    const dir = tempHome();
    writeFileSync(join(dir, '.k8sdiagignore'), '# known\ncategory:missing-dependancy\n');
    const io = userIo(dir);
    const result = await exitOf(diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false }, globalsFor(), io));
    expect(result.code).toBe(2);
    expect(result.message).toMatch(/\.k8sdiagignore:2: unknown category "missing-dependancy"; did you mean category:missing-dependency\?/);
    expect(io.stdout()).toBe('');
  });

  it('detectors -o markdown is a table', async () => {
    const io = userIo();
    await detectorsCommand({}, globalsFor({ output: 'markdown' }), io);
    expect(io.stdout()).toMatch(/^\| detector \| looks for \|\n\|---\|---\|\n\| `crash-loop-back-off` \|/);
  });
});

describe('against a fake cluster', () => {
  const cluster = shopCluster();
  let server: FakeApiServer;
  beforeAll(async () => {
    server = await startShopServer(cluster);
  });
  afterAll(async () => server.stop());

  it('ask about live state with -o json prints JSON with the counts', async () => {
    const io = userIo();
    const code = await askCommand({ question: 'how many pods are running in shop?' }, globalsFor({ output: 'json', kubeconfig: server.kubeconfigPath }), io);
    expect(code).toBe(0);
    const answer = JSON.parse(io.stdout()) as { kind: string; total: number; matching: number; text: string };
    expect(answer.kind).toBe('live');
    expect(answer.total).toBeGreaterThan(answer.matching);
    expect(answer.text).toContain('pods in shop');
  });

  it('ask about live state with the API down is exit 3, not an internal error', async () => {
    const dead = join(tempHome(), 'kubeconfig');
    writeFileSync(dead, readFileSync(server.kubeconfigPath, 'utf8').replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9'));
    const result = await exitOf(askCommand({ question: 'how many pods are running in shop?' }, globalsFor({ kubeconfig: dead }), userIo()));
    expect(result.code).toBe(3);
    expect(result.message).toContain('cannot list pods in shop');
  });

  it('scan accepts its own earlier --output json as --baseline', async () => {
    const first = userIo();
    expect(await scanCommand({ allNamespaces: true }, globalsFor({ output: 'json', kubeconfig: server.kubeconfigPath }), first)).toBe(1);
    const baseline = join(first.cwd, 'scan.json');
    writeFileSync(baseline, first.stdout());
    const again = userIo();
    expect(await scanCommand({ allNamespaces: true, baseline }, globalsFor({ kubeconfig: server.kubeconfigPath }), again)).toBe(0);
  });

  it('scan reports a bad ignore file before scanning, with nothing on stdout', async () => {
    const dir = tempHome();
    writeFileSync(join(dir, '.k8sdiagignore'), 'not-a-fingerprint\n');
    const io = userIo(dir);
    const result = await exitOf(scanCommand({ allNamespaces: true }, globalsFor({ kubeconfig: server.kubeconfigPath }), io));
    expect(result.code).toBe(2);
    expect(io.stdout()).toBe('');
  });

  it('snapshot -o <directory> says so instead of suggesting --force, and lists what could not be read', async () => {
    const dir = tempHome();
    const refused = await exitOf(snapshotCommand({ type: 'pod', target: `shop/${cluster.crashing}`, output: dir }, globalsFor({ kubeconfig: server.kubeconfigPath }), userIo()));
    expect(refused.code).toBe(2);
    expect(refused.message).toContain('is a directory');
    const io = userIo(dir);
    expect(await snapshotCommand({ type: 'pod', target: `shop/${cluster.crashing}`, output: 'web.json' }, globalsFor({ kubeconfig: server.kubeconfigPath }), io)).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, 'web.json'), 'utf8')) as { collectionErrors?: { what: string }[] };
    for (const error of saved.collectionErrors ?? []) expect(io.stderr()).toContain(`could not read ${error.what}`);
  });
});

/** The built CLI as a user runs it (`npm test` builds first). */
function k8sdiag(args: string[], env: NodeJS.ProcessEnv, closeStdout = false): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const home = tempHome();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: home, env: { PATH: process.env.PATH, HOME: home, K8SDIAG_HOME: home, NO_COLOR: '1', ...env } });
    // Like `| head -0`: the reader is gone before the first write.
    if (closeStdout) child.stdout.destroy();
    else child.stdout.resume();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the built CLI', { timeout: 60_000 }, () => {
  it('a closed stdout pipe is not a crash: no EPIPE stack trace, the command\'s own exit code', async () => {
    const result = await k8sdiag(['diagnose', '--from', EXAMPLE, '--no-history', '--no-retrieval'], {}, true);
    expect(result.stderr).not.toContain('EPIPE');
    expect(result.stderr).not.toContain('    at ');
    expect(result.code).toBe(1);
  });

  it('with no kubeconfig anywhere it says so, instead of talking about localhost:8080', async () => {
    const result = await k8sdiag(['pod', 'shop/web'], {});
    expect(result.code).toBe(3);
    expect(result.stderr).toBe('k8sdiag: no kubeconfig found (--kubeconfig, $KUBECONFIG, ~/.kube/config) and not running in a cluster; pass --kubeconfig <file>\n');
  });

  it('a kubeconfig that is not one is named in the message', async () => {
    const file = join(tempHome(), 'config.yaml');
    writeFileSync(file, 'garbage: true\n');
    const result = await k8sdiag(['pod', 'shop/web', '--kubeconfig', file], {});
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`k8sdiag: ${file}: it defines no clusters (is it a kubeconfig file?)\n`);
  });
});

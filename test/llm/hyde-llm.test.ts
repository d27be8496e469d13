import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { run as build } from '../../src/cli/commands/index-build.js';
import { run as query } from '../../src/cli/commands/index-query.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { openAiCompletion, openAiError, startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';

const servers = closeServersAfterEach();

// Three documents; only the taints one answers questions about pods that cannot be placed.
function writeTree(dir: string): void {
  mkdirSync(join(dir, 'scheduling'), { recursive: true });
  writeFileSync(join(dir, 'scheduling', 'taints.md'), '---\ntitle: Taints and tolerations\n---\n## Why pods stay Pending\n\n0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}. Add a toleration to the pod spec or remove the taint from the node.\n');
  writeFileSync(join(dir, 'oom.md'), '---\ntitle: OOMKilled\n---\n## Exit code 137\n\nThe kernel killed the container for exceeding its memory limit. Why does my workload restart? Raise the limit.\n');
  writeFileSync(join(dir, 'images.md'), '# Image pull errors\n\n## Unauthorized\n\nThe registry answered 401 unauthorized: create an imagePullSecret for the workload.\n');
}

type Results = { results: { source: string }[] };

describe('index query --technique hyde with an LLM configured', () => {
  let root: string;
  let index: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'k8sdiag-hyde-'));
    writeTree(join(root, 'docs'));
    index = join(root, 'index');
    expect(await build({ docs: join(root, 'docs'), index, embedder: 'lexical' }, globalsFor({ output: 'json' }), captureIo({}, root))).toBe(0);
  });

  it('searches with the passage the model wrote, asked for with a small budget and a redacted question', async () => {
    const server = await startFakeOpenAiServer([openAiCompletion('Pods stay Pending when every node has a taint the pod does not tolerate (had untolerated taint). Add a toleration or remove the taint.')]);
    servers.push(server);
    const io = captureIo({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl }, root);
    // No word of the question occurs in the taints document: only the model's passage can lead there.
    const question = 'my app never comes up anywhere, what now? token=s3cr3tvalue';
    expect(await query({ question, index, technique: 'hyde', k: 1 }, globalsFor({ output: 'json', llm: 'openai' }), io)).toBe(0);
    expect((JSON.parse(io.stdout()) as Results).results[0]?.source).toBe('scheduling/taints.md');
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]?.body as { model: string; max_completion_tokens: number; messages: { content: string }[] };
    expect(body.model).toBe('gpt-5.4-mini');
    // gpt-5.4-mini is a reasoning model: its hidden reasoning comes out of the same cap, so a
    // small allowance (low effort) rides on top of the passage's own budget.
    expect(body.max_completion_tokens).toBeLessThanOrEqual(300 + 1024);
    expect((body as { reasoning_effort?: string }).reasoning_effort).toBe('low');
    const sent = JSON.stringify(body.messages);
    expect(sent).toContain('my app never comes up anywhere, what now?');
    expect(sent).not.toContain('s3cr3tvalue');
    expect(io.stderr()).toBe('');

  });

  it('falls back to the matching pattern with a warning when the call fails', async () => {
    const server = await startFakeOpenAiServer([openAiError(400, 'model not found')]);
    servers.push(server);
    const io = captureIo({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseUrl }, root);
    expect(await query({ question: 'pods pending with had untolerated taint', index, technique: 'hyde', k: 1 }, globalsFor({ output: 'json', llm: 'openai' }), io)).toBe(0);
    expect(io.stderr()).toMatch(/warning: HyDE via openai:gpt-5\.4-mini failed \(.*400.*\); searching with the matching pattern's cause and fix instead/);
    expect((JSON.parse(io.stdout()) as Results).results[0]?.source).toBe('scheduling/taints.md');
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { run as build } from '../../src/cli/commands/index-build.js';
import { run as query } from '../../src/cli/commands/index-query.js';
import { run as stats } from '../../src/cli/commands/index-stats.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { writeTinyBertModel } from '../helpers/tiny-bert-model.js';

const json = globalsFor({ output: 'json' });

function writeTree(dir: string): void {
  mkdirSync(join(dir, 'scheduling'), { recursive: true });
  writeFileSync(join(dir, 'scheduling', 'taints.md'), '---\ntitle: Taints and tolerations\ncategories: [untolerated-taint]\n---\n## Why pods stay Pending\n\n0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}. Add a toleration.\n');
  writeFileSync(join(dir, 'oom.md'), '---\ntitle: OOMKilled\ncategories: [oom-killed]\n---\n## Exit code 137\n\nThe kernel killed the container for exceeding its memory limit.\n');
  writeFileSync(join(dir, 'images.md'), '# Image pull errors\n\n## Unauthorized\n\nThe registry answered 401 unauthorized: create an imagePullSecret.\n');
}

describe('k8sdiag index build / query / stats', () => {
  let root: string;
  let docs: string;
  let index: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'k8sdiag-cli-'));
    docs = join(root, 'docs');
    index = join(root, 'index');
    writeTree(docs);
  });

  it('indexes any markdown tree and answers --output json with paths relative to the docs dir, best first', async () => {
    const io = captureIo({ K8SDIAG_CACHE_DIR: join(root, 'cache') }, root);
    expect(await build({ docs, index, embedder: 'lexical' }, json, io)).toBe(0);
    expect(JSON.parse(io.stdout())).toMatchObject({ action: 'built', manifest: { documentCount: 3, embedder: { kind: 'lexical' } } });

    for (const technique of ['dense', 'bm25', 'hybrid', 'hyde', 'rerank']) {
      const out = captureIo({ K8SDIAG_CACHE_DIR: join(root, 'cache') }, root);
      expect(await query({ question: 'pod pending: node(s) had untolerated taint', index, technique, k: 2 }, json, out)).toBe(0);
      const { results } = JSON.parse(out.stdout()) as { results: { source: string; title: string; heading: string; score: number }[] };
      expect(results[0]).toMatchObject({ source: 'scheduling/taints.md', title: 'Taints and tolerations', heading: 'Why pods stay Pending' });
      expect(results.length).toBeLessThanOrEqual(2);
    }
  });

  it('filters by category', async () => {
    const io = captureIo({}, root);
    await build({ docs, index, embedder: 'lexical' }, json, io);
    const out = captureIo({}, root);
    await query({ question: 'untolerated taint', index, category: 'oom-killed' }, json, out);
    expect((JSON.parse(out.stdout()) as { results: { source: string }[] }).results.map((r) => r.source)).toEqual(['oom.md']);
  });

  it('uses a local model from --model-dir and records it; stats says which embedder built the index', async () => {
    const modelDir = join(root, 'models');
    writeTinyBertModel(join(modelDir, 'Xenova', 'bge-small-en-v1.5'), { words: ['taint', 'memory', 'image', 'pod'], hidden: 16 });
    const io = captureIo({ K8SDIAG_MODEL_DIR: modelDir, K8SDIAG_CACHE_DIR: join(root, 'cache') }, root);
    await build({ docs, index }, json, io);
    expect(io.stderr()).toBe('');
    const out = captureIo({ K8SDIAG_MODEL_DIR: modelDir }, root);
    await stats({ index }, globalsFor(), out);
    expect(out.stdout()).toMatch(/embedder: +transformers:Xenova\/bge-small-en-v1.5 \(transformers, 16 dims\)/);
    expect(out.stdout()).toMatch(/documents: +3 .*up to date/);
    const ok = captureIo({ K8SDIAG_MODEL_DIR: modelDir }, root);
    await query({ question: 'taint', index }, json, ok);
    expect(ok.stderr()).toBe('');
    // Without the model the index must not be served with other vectors, nor overwritten.
    const noModel = captureIo({ K8SDIAG_CACHE_DIR: join(root, 'cache'), K8SDIAG_OFFLINE: '1' }, root);
    await expect(query({ question: 'taint', index }, json, noModel)).rejects.toThrow(/built with transformers:Xenova\/bge-small-en-v1.5.*models pull/);
  });

  it('says so in one line and indexes lexically when no model can be loaded', async () => {
    const io = captureIo({ K8SDIAG_CACHE_DIR: join(root, 'cache'), K8SDIAG_OFFLINE: '1' }, root);
    expect(await build({ docs, index }, globalsFor(), io)).toBe(0);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
    expect(io.stderr()).toMatch(/unavailable.*using the lexical embedder/);
    expect(io.stdout()).toMatch(/3 documents → \d+ chunks, lexical:/);
  });

  it('refuses a missing index with the command to run', async () => {
    await expect(query({ question: 'x', index: join(root, 'nope') }, json, captureIo({}, root))).rejects.toThrow(/index build/);
  });
});

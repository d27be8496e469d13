import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Embedder } from './embedder.js';
import { ensureIndex, openIndex } from './ensure-index.js';
import { createLexicalEmbedder } from './lexical-embedder.js';
import { searchIndex } from './search-index.js';

const chunker = { maxTokens: 120, overlapTokens: 16 };

function renamed(id: string): Embedder {
  return { ...createLexicalEmbedder(), id };
}

function writeDocs(dir: string): void {
  mkdirSync(join(dir, 'probes'), { recursive: true });
  writeFileSync(join(dir, 'oom.md'), '---\ntitle: OOMKilled\ncategories: [oom-killed]\n---\n## Cause\n\nThe container used more memory than its limit and was OOMKilled with exit code 137.\n');
  writeFileSync(join(dir, 'probes', 'liveness.md'), '---\ntitle: Liveness probes\ncategories: [liveness-probe-failure]\n---\n## Symptom\n\nLiveness probe failed: HTTP probe failed with statuscode: 500, the kubelet restarts the container.\n');
  writeFileSync(join(dir, 'taints.md'), '# Taints\n\nThe scheduler reports 0/3 nodes are available: 3 node(s) had untolerated taint.\n');
}

describe('ensureIndex', () => {
  let docs: string;
  let indexDir: string;
  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'k8sdiag-index-'));
    docs = join(root, 'docs');
    indexDir = join(root, 'index');
    writeDocs(docs);
  });

  it('builds, then reuses while nothing changed', async () => {
    const embedder = createLexicalEmbedder();
    const first = await ensureIndex({ docsDir: docs, indexDir, embedder, chunker });
    expect(first.action).toBe('built');
    expect(first.index.manifest).toMatchObject({ documentCount: 3, embedder: { id: embedder.id, kind: 'lexical', dimensions: 1024 }, chunker });
    const second = await ensureIndex({ docsDir: docs, indexDir, embedder, chunker });
    expect(second.action).toBe('reused');
    const [best] = await searchIndex(second.index, embedder, 'exit code 137 memory limit', { technique: 'dense', k: 1 });
    expect(best?.chunk.source).toBe('oom.md');
  });

  it.each([
    ['the embedding model changes', { embedder: renamed('transformers:other/model') }, /embedder/],
    ['the chunk size changes', { chunker: { maxTokens: 200, overlapTokens: 16 } }, /chunker/],
  ])('rebuilds when %s', async (_name, change, reason) => {
    await ensureIndex({ docsDir: docs, indexDir, embedder: createLexicalEmbedder(), chunker });
    const again = await ensureIndex({ docsDir: docs, indexDir, embedder: createLexicalEmbedder(), chunker, ...change });
    expect(again.action).toBe('built');
    expect(again.reasons.join(' ')).toMatch(reason);
  });

  it('rebuilds when a document is edited, added or removed', async () => {
    const embedder = createLexicalEmbedder();
    await ensureIndex({ docsDir: docs, indexDir, embedder, chunker });
    writeFileSync(join(docs, 'quota.md'), '# Quota\n\nexceeded quota: pods "x" is forbidden.\n');
    const again = await ensureIndex({ docsDir: docs, indexDir, embedder, chunker });
    expect(again).toMatchObject({ action: 'built', reasons: ['docs changed'] });
    expect(again.index.manifest.documentCount).toBe(4);
  });

  it('detects a corrupted vector file, rebuilds it, and never serves it', async () => {
    const embedder = createLexicalEmbedder();
    await ensureIndex({ docsDir: docs, indexDir, embedder, chunker });
    const file = join(indexDir, 'vectors.hnsw');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(openIndex(indexDir)).rejects.toThrow(/damaged.*index build/);
    const again = await ensureIndex({ docsDir: docs, indexDir, embedder, chunker });
    expect(again.action).toBe('built');
    expect(again.reasons.join(' ')).toMatch(/checksum/);
    expect((await openIndex(indexDir)).chunks.length).toBe(again.index.chunks.length);
  });

  it('treats an unreadable manifest as no index', async () => {
    const embedder = createLexicalEmbedder();
    await ensureIndex({ docsDir: docs, indexDir, embedder, chunker });
    writeFileSync(join(indexDir, 'manifest.json'), '{"formatVersion": "garbage"');
    expect((await ensureIndex({ docsDir: docs, indexDir, embedder, chunker })).reasons).toEqual(['no index yet']);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Warning } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { createRetriever } from '../retrieve/create-retriever.js';
import type { Retriever } from '../retrieve/retrieve-passages.js';
import { retrieveReferences } from './retrieve-references.js';

const snapshot = { target: { kind: 'Pod', namespace: 'shop', name: 'web-1' } } as Snapshot;
const oom: Finding = {
  category: 'oom-killed',
  severity: 'critical',
  container: 'app',
  title: 'Container app was OOMKilled',
  rootCause: 'The container exceeded its 256Mi memory limit and the kernel killed it.',
  evidence: [{ source: 'status', text: 'Last State: Terminated, Reason: OOMKilled, Exit Code: 137' }],
  fixes: [],
  detectors: ['container-terminated'],
  patterns: [],
};

function docsTree(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'k8sdiag-refs-')), 'docs-corpus');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'oom.md'), '---\ntitle: OOMKilled and exit code 137\ncategories: [oom-killed]\n---\n## Fix\n\nRaise the memory limit when the container is OOMKilled with exit code 137.\n');
  writeFileSync(join(dir, 'taints.md'), '---\ntitle: Untolerated taints\n---\nPods stay Pending when every node had untolerated taint.\n');
  writeFileSync(join(dir, 'probes.md'), '---\ntitle: Readiness probes\n---\nReadiness probe failed: the Service has no endpoints.\n');
  return dir;
}

/** A retriever over a temp docs tree with the offline lexical embedder; the index sits beside it. */
function lexicalRetriever(docs: string): Retriever {
  return createRetriever({
    docsDir: docs,
    indexDir: join(docs, '..', 'index'),
    chunker: { maxTokens: 200, overlapTokens: 20 },
    embedder: { choice: 'lexical', modelId: 'unused', modelCacheDir: join(docs, '..', 'models'), allowDownload: false, downloadStallMs: 1000 },
    sourcePrefix: 'docs-corpus/',
  });
}

describe('retrieveReferences', () => {
  it('cites the document that explains the finding first, with its path under the corpus name', async () => {
    const docs = docsTree();
    const retriever = lexicalRetriever(docs);
    const warnings: Warning[] = [];
    const references = await retrieveReferences(snapshot, [oom], retriever, warnings);
    expect(references[0]).toMatchObject({ title: 'OOMKilled and exit code 137', source: 'docs-corpus/oom.md', heading: 'Fix', score: 1 });
    expect(references.length).toBeLessThanOrEqual(5);
    expect(new Set(references.map((r) => r.source)).size).toBe(references.length);
    expect(warnings).toEqual([]);
  });

  it('ranks the page written for the finding category above pages that merely share its words', async () => {
    const docs = join(mkdtempSync(join(tmpdir(), 'k8sdiag-refs-')), 'docs-corpus');
    mkdirSync(docs, { recursive: true });
    // The QoS page repeats the finding's words (memory, limit, container, killed) far more often.
    writeFileSync(join(docs, 'qos.md'), '---\ntitle: Requests, limits and QoS\ncategories: [insufficient-resources]\n---\nMemory limit, memory request, container memory limit: a container over its memory limit is killed. Memory limit and container limit and memory again.\n');
    writeFileSync(join(docs, 'oom.md'), '---\ntitle: OOMKilled\ncategories: [oom-killed]\n---\nWhat the OOMKilled reason means and how to size the limit.\n');
    const retriever = lexicalRetriever(docs);
    const references = await retrieveReferences(snapshot, [oom], retriever, []);
    expect(references.map((r) => r.source)).toEqual(['docs-corpus/oom.md', 'docs-corpus/qos.md']);
  });

  it('turns an index that cannot be loaded into a warning, not a crash', async () => {
    const broken: Retriever = { sourcePrefix: '', search: async () => Promise.reject(new Error('No index at /x. Run `k8sdiag index build`.')) };
    const warnings: Warning[] = [];
    expect(await retrieveReferences(snapshot, [oom], broken, warnings)).toEqual([]);
    expect(warnings).toEqual([{ source: 'retrieval', message: 'references skipped: No index at /x. Run `k8sdiag index build`.' }]);
  });

  it('does not search for a healthy target', async () => {
    let searched = false;
    const spy: Retriever = { sourcePrefix: '', search: async () => ((searched = true), []) };
    await retrieveReferences(snapshot, [{ ...oom, category: 'healthy' }], spy, []);
    expect(searched).toBe(false);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RetrievalFlags } from '../../config/retrieval-config.js';
import { IndexMissingError } from '../../domain/errors.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';
import { retrievalConfigFor } from './index-setup.js';

/** `k8sdiag index stats`: what the index holds, which embedder made it, and whether its docs changed since. */
export async function run(args: RetrievalFlags, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const config = retrievalConfigFor(args, io);
  const { readManifest, MANIFEST_FILE } = await import('../../retrieve/index-manifest.js');
  const manifest = await readManifest(join(config.indexDir, MANIFEST_FILE));
  if (!manifest) throw new IndexMissingError(`No index at ${config.indexDir}. Run \`k8sdiag index build\`${args.docs ? ` --docs ${args.docs}` : ''}.`);
  let docsStatus: 'current' | 'changed' | 'missing' = 'missing';
  if (existsSync(manifest.docsDir)) {
    const { loadCorpus } = await import('../../retrieve/load-corpus.js');
    docsStatus = (await loadCorpus(manifest.docsDir)).hash === manifest.corpusHash ? 'current' : 'changed';
  }
  const sizeBytes = manifest.files.vectors.bytes + manifest.files.chunks.bytes;
  if (globals.output === 'json') {
    io.out(`${JSON.stringify({ indexDir: config.indexDir, docsStatus, sizeBytes, manifest }, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `index:      ${config.indexDir}`,
    `embedder:   ${manifest.embedder.id} (${manifest.embedder.kind}, ${manifest.embedder.dimensions} dims)`,
    `documents:  ${manifest.documentCount} from ${manifest.docsDir} (${docsStatus === 'current' ? 'up to date' : docsStatus === 'changed' ? 'docs changed since build: run `k8sdiag index build`' : 'docs dir no longer exists'})`,
    `chunks:     ${manifest.chunkCount} (budget ${manifest.chunker.maxTokens} tokens, overlap ${manifest.chunker.overlapTokens})`,
    `size:       ${(sizeBytes / 1e6).toFixed(2)} MB (vectors ${(manifest.files.vectors.bytes / 1e6).toFixed(2)} MB)`,
    `hnsw:       M=${manifest.hnsw.m}, efConstruction=${manifest.hnsw.efConstruction}`,
    `format:     v${manifest.formatVersion}`,
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

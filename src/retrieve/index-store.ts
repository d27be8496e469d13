import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { chunkSchema, type Chunk } from '../domain/passage.js';
import { buildBm25, type Bm25Index } from './bm25.js';
import { CHUNKS_FILE, fingerprint, MANIFEST_FILE, VECTORS_FILE, type IndexManifest } from './index-manifest.js';
import { readVectorIndex, type VectorIndex } from './vector-index.js';

export interface LoadedIndex {
  manifest: IndexManifest;
  chunks: Chunk[];
  vectors: VectorIndex;
  /** Built on first use: dense-only queries never pay for it. */
  bm25(): Bm25Index;
}

export function assembleIndex(manifest: IndexManifest, chunks: Chunk[], vectors: VectorIndex): LoadedIndex {
  let bm25: Bm25Index | undefined;
  return { manifest, chunks, vectors, bm25: () => (bm25 ??= buildBm25(chunks)) };
}

/**
 * Writes vectors and chunks under temporary names, fingerprints them into the manifest, then renames;
 * the manifest goes last, so a crash mid-write leaves an index that fails verification, not a wrong one.
 */
export async function writeIndexFiles(dir: string, manifest: Omit<IndexManifest, 'files'>, chunks: Chunk[], vectors: VectorIndex): Promise<IndexManifest> {
  await mkdir(dir, { recursive: true });
  await rm(join(dir, MANIFEST_FILE), { force: true });
  const vectorsTmp = join(dir, `${VECTORS_FILE}.tmp`);
  await vectors.write(vectorsTmp);
  const chunkBytes = Buffer.from(JSON.stringify(chunks));
  const full: IndexManifest = { ...manifest, files: { vectors: fingerprint(await readFile(vectorsTmp)), chunks: fingerprint(chunkBytes) } };
  await writeFile(join(dir, `${CHUNKS_FILE}.tmp`), chunkBytes);
  await rename(vectorsTmp, join(dir, VECTORS_FILE));
  await rename(join(dir, `${CHUNKS_FILE}.tmp`), join(dir, CHUNKS_FILE));
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

export class CorruptIndexError extends Error {}

/** Loads an index after checking both files against the manifest's sizes and hashes; never returns a mismatch. */
export async function readIndexFiles(dir: string, manifest: IndexManifest): Promise<LoadedIndex> {
  const vectorsPath = join(dir, VECTORS_FILE);
  let chunkBytes: Buffer;
  let vectorBytes: Buffer;
  try {
    [chunkBytes, vectorBytes] = await Promise.all([readFile(join(dir, CHUNKS_FILE)), readFile(vectorsPath)]);
  } catch (error) {
    throw new CorruptIndexError(`index files missing: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Checked before hnswlib reads the file: a truncated graph can crash the native reader.
  const actual = fingerprint(vectorBytes);
  if (actual.sha256 !== manifest.files.vectors.sha256) throw new CorruptIndexError(`${VECTORS_FILE} does not match its manifest checksum`);
  if (fingerprint(chunkBytes).sha256 !== manifest.files.chunks.sha256) throw new CorruptIndexError(`${CHUNKS_FILE} does not match its manifest checksum`);
  const parsed = z.array(chunkSchema).safeParse(JSON.parse(chunkBytes.toString('utf8')));
  if (!parsed.success || parsed.data.length !== manifest.chunkCount) throw new CorruptIndexError(`${CHUNKS_FILE} does not hold ${manifest.chunkCount} valid chunks`);
  try {
    const vectors = await readVectorIndex(vectorsPath, manifest.embedder.dimensions, manifest.chunkCount);
    return assembleIndex(manifest, parsed.data, vectors);
  } catch (error) {
    throw new CorruptIndexError(`${VECTORS_FILE} unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Bump when the on-disk layout or the meaning of stored vectors changes; old indexes are then rebuilt. */
export const INDEX_FORMAT_VERSION = 1;

export const MANIFEST_FILE = 'manifest.json';
export const VECTORS_FILE = 'vectors.hnsw';
export const CHUNKS_FILE = 'chunks.json';

const fileFingerprintSchema = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().length(64) });
export type FileFingerprint = z.infer<typeof fileFingerprintSchema>;

export const manifestSchema = z.object({
  formatVersion: z.number().int(),
  embedder: z.object({ id: z.string(), kind: z.enum(['transformers', 'lexical']), dimensions: z.number().int().positive() }),
  chunker: z.object({ maxTokens: z.number().int().positive(), overlapTokens: z.number().int().nonnegative() }),
  hnsw: z.object({ m: z.number().int(), efConstruction: z.number().int(), seed: z.number().int() }),
  corpusHash: z.string(),
  /** Absolute path of the docs tree at build time; `index query --index` re-checks it when it still exists. */
  docsDir: z.string(),
  documentCount: z.number().int().nonnegative(),
  chunkCount: z.number().int().nonnegative(),
  files: z.object({ vectors: fileFingerprintSchema, chunks: fileFingerprintSchema }),
});
export type IndexManifest = z.infer<typeof manifestSchema>;

/** What a caller wants the index to be; every field must match the manifest for it to be reused. */
export interface IndexExpectation {
  embedderId: string;
  dimensions: number;
  chunker: IndexManifest['chunker'];
  corpusHash?: string;
}

/** Why an existing index cannot serve the expectation, in words for `index build` output; empty when it can. */
export function manifestMismatches(manifest: IndexManifest, expected: IndexExpectation): string[] {
  const reasons: string[] = [];
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) reasons.push(`index format ${manifest.formatVersion} → ${INDEX_FORMAT_VERSION}`);
  if (manifest.embedder.id !== expected.embedderId) reasons.push(`embedder ${manifest.embedder.id} → ${expected.embedderId}`);
  else if (manifest.embedder.dimensions !== expected.dimensions) reasons.push(`dimensions ${manifest.embedder.dimensions} → ${expected.dimensions}`);
  if (manifest.chunker.maxTokens !== expected.chunker.maxTokens || manifest.chunker.overlapTokens !== expected.chunker.overlapTokens) {
    reasons.push(`chunker ${manifest.chunker.maxTokens}/${manifest.chunker.overlapTokens} → ${expected.chunker.maxTokens}/${expected.chunker.overlapTokens}`);
  }
  if (expected.corpusHash !== undefined && manifest.corpusHash !== expected.corpusHash) reasons.push('docs changed');
  return reasons;
}

export function fingerprint(bytes: Uint8Array): FileFingerprint {
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Reads a manifest; undefined when absent, unreadable or not matching the schema (all mean: rebuild). */
export async function readManifest(file: string): Promise<IndexManifest | undefined> {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

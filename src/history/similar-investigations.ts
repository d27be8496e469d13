import { createHash } from 'node:crypto';
import type { Finding } from '../domain/diagnosis.js';
import { findingsText } from './findings-text.js';
import type { HistoryStore } from './history-store.js';
import { effectiveCategory, type InvestigationRecord } from './investigation-record.js';

/** Any text → vector function; a real embedder can be passed in, the default works offline. */
export type EmbedText = (texts: readonly string[]) => Promise<Float32Array[]> | Float32Array[];

export interface SimilarInvestigation {
  record: InvestigationRecord;
  similarity: number;
}

export interface SimilarOptions {
  embed?: EmbedText;
  /** Below this cosine a past case is noise, not "seen before". */
  minSimilarity?: number;
  minRating?: number;
}

const DIMENSIONS = 512;

/**
 * Past investigations whose findings read like these, best first. Only ones a person rated
 * 4 or 5 are offered, so a wrong answer is never fed back into prompts as an example.
 */
export async function similarInvestigations(
  store: HistoryStore,
  findings: readonly Finding[],
  k: number,
  { embed = hashedTokenVectors, minSimilarity = 0.3, minRating = 4 }: SimilarOptions = {},
): Promise<SimilarInvestigation[]> {
  if (findings.length === 0 || k <= 0) return [];
  const candidates = store.rated(minRating);
  if (candidates.length === 0) return [];
  const vectors = await embed([findingsText(findings), ...candidates.map((c) => c.findingsText)]);
  const query = vectors[0];
  if (!query) return [];
  return candidates
    .map((candidate, i) => ({ record: candidate.record, similarity: cosine(query, vectors[i + 1] ?? new Float32Array()) }))
    .filter((s) => s.similarity >= minSimilarity)
    .sort((a, b) => b.similarity - a.similarity || a.record.id.localeCompare(b.record.id))
    .slice(0, k);
}

/** Hashed token counts (sublinear tf): deterministic, dependency-free, good enough for near-duplicate findings. */
export function hashedTokenVectors(texts: readonly string[]): Float32Array[] {
  return texts.map((text) => {
    const vector = new Float32Array(DIMENSIONS);
    const counts = new Map<string, number>();
    // Numbers (exit codes, ports) matter, hex ids and timestamps do not; keep words of 2+ letters/digits.
    for (const token of text.toLowerCase().match(/[a-z][a-z0-9_.-]*[a-z0-9]|\d{2,3}\b/g) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, count] of counts) {
      const bucket = createHash('md5').update(token).digest().readUInt32LE(0) % DIMENSIONS;
      vector[bucket] = (vector[bucket] ?? 0) + 1 + Math.log(count);
    }
    return vector;
  });
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The one-line "seen before" text for render: id, when, what it was, and what the person said. */
export function seenBeforeLine(similar: readonly SimilarInvestigation[]): string | undefined {
  if (similar.length === 0) return undefined;
  const parts = similar.map(({ record }) => {
    return `${record.id} (${record.createdAt.slice(0, 10)}, ${effectiveCategory(record)}, rated ${record.rating ?? '-'}/5${record.note ? `: ${record.note}` : ''})`;
  });
  return `seen before: ${parts.join('; ')}`;
}

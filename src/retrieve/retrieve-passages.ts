import type { Finding, Reference } from '../domain/diagnosis.js';
import type { Passage } from '../domain/passage.js';
import type { Snapshot } from '../domain/snapshot.js';
import { queriesFromDiagnosis } from './analyze-query.js';
import { reciprocalRankFusion } from './hybrid-search.js';
import type { MetadataFilter } from './hybrid-search.js';
import type { Technique } from './search-index.js';

/** What the pipeline needs from retrieval: a search, with the index behind it loaded on first use. */
export interface Retriever {
  search(query: string, options: { k: number; technique?: Technique; hydeText?: string; filter?: MetadataFilter }): Promise<Passage[]>;
  /** Prefix for `Reference.source`, e.g. `docs-corpus/`, so a reader knows which tree a path is in. */
  readonly sourcePrefix: string;
}

export interface RetrievePassagesOptions {
  k?: number;
  technique?: Technique;
  /** The matched pattern's cause and fix (or an LLM's answer), used when technique is `hyde`. */
  hydeText?: string;
}

/**
 * Findings → references: one search per query from `queriesFromDiagnosis`, fused by rank with the
 * primary finding's queries weighted highest, one reference per document, best first.
 */
export async function retrievePassages(snapshot: Snapshot, findings: readonly Finding[], retriever: Retriever, options: RetrievePassagesOptions = {}): Promise<Reference[]> {
  const k = options.k ?? 5;
  const queries = queriesFromDiagnosis(snapshot, findings);
  if (queries.length === 0) return [];
  const results: Passage[][] = [];
  for (const query of queries) {
    results.push(
      await retriever.search(query, { k: k * 2, ...(options.technique ? { technique: options.technique } : {}), ...(options.hydeText ? { hydeText: options.hydeText } : {}) }),
    );
  }
  // Documents written about the primary finding's category (front matter) are searched once more
  // with that filter, so a generic query word ("memory", "killed") cannot bury the page on the cause.
  const primaryCategory = findings.find((f) => f.category !== 'healthy' && f.category !== 'unknown')?.category;
  const searchOptions = { k: k * 2, ...(options.technique ? { technique: options.technique } : {}), ...(options.hydeText ? { hydeText: options.hydeText } : {}) };
  const categoryResults = primaryCategory && queries[0] ? await retriever.search(queries[0], { ...searchOptions, filter: { category: primaryCategory } }) : [];
  if (categoryResults.length > 0) results.push(categoryResults);
  const bySource = new Map<string, { passage: Passage; best: number }>();
  results.flat().forEach((passage) => {
    const known = bySource.get(passage.chunk.source);
    if (!known || passage.score > known.best) bySource.set(passage.chunk.source, { passage, best: passage.score });
  });
  const sources = [...bySource.keys()];
  const ids = new Map(sources.map((source, i) => [source, i]));
  // Queries arrive grouped three per finding, so the earliest (primary) finding weighs most.
  const lists = results.map((list) => list.map((p) => ({ id: ids.get(p.chunk.source) ?? -1, score: p.score })));
  const weights = [...queries.map((_q, i) => 1 / (1 + Math.floor(i / 3))), ...(categoryResults.length > 0 ? [1.5] : [])];
  const fused = reciprocalRankFusion(lists, weights);
  const top = fused[0]?.score ?? 1;
  return fused.slice(0, k).flatMap((hit) => {
    const entry = bySource.get(sources[hit.id] ?? '');
    if (!entry) return [];
    const { chunk } = entry.passage;
    return [
      {
        title: chunk.title,
        source: `${retriever.sourcePrefix}${chunk.source}`,
        ...(chunk.headingPath.length > 0 ? { heading: chunk.headingPath.join(' > ') } : {}),
        // Relative to the best reference: fusion scores have no absolute meaning.
        score: Math.round((hit.score / top) * 100) / 100,
      },
    ];
  });
}

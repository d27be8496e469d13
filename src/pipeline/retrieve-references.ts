import type { Finding, Reference, Warning } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { retrievePassages, type Retriever } from '../retrieve/retrieve-passages.js';

/**
 * The retrieval stage: references for non-healthy findings, or none. Retrieval is optional, so an
 * index that cannot be loaded or built becomes a warning and the diagnosis goes on without it.
 */
export async function retrieveReferences(snapshot: Snapshot, findings: readonly Finding[], retriever: Retriever | undefined, warnings: Warning[], hydeText?: string): Promise<Reference[]> {
  if (!retriever || findings.every((f) => f.category === 'healthy')) return [];
  try {
    return await retrievePassages(snapshot, findings, retriever, { k: 5, ...(hydeText ? { hydeText } : {}) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    warnings.push({ source: 'retrieval', message: `references skipped: ${reason}` });
    return [];
  }
}

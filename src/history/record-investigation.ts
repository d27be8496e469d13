import type { Diagnosis } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { snapshotDigest } from './canonical-json.js';
import { findingsText } from './findings-text.js';
import type { HistoryStore } from './history-store.js';
import type { InvestigationRecord } from './investigation-record.js';
import { redactDeep } from './redact-deep.js';

export interface InvestigationMeta {
  /** `rules`, `rag`, `few-shot`, ... or whatever the diagnose path ran. */
  technique: string;
  provider?: string | null;
  model?: string | null;
  /** When the investigation ran; the CLI passes the wall clock, tests a fixed time. */
  createdAt: string;
}

/**
 * Stores one diagnosis. The digest is of the snapshot as collected (so replays match), but
 * everything stored is redacted first: a secret quoted in a log line never reaches the file.
 */
export function recordInvestigation(store: HistoryStore, diagnosis: Diagnosis, snapshot: Snapshot, meta: InvestigationMeta): InvestigationRecord {
  const safe = redactDeep(diagnosis);
  return store.add({
    createdAt: meta.createdAt,
    target: safe.target,
    snapshotDigest: snapshotDigest(snapshot),
    technique: meta.technique,
    provider: meta.provider ?? diagnosis.llm?.provider ?? null,
    model: meta.model ?? diagnosis.llm?.model ?? null,
    diagnosis: safe,
    findingsText: findingsText(safe.findings),
  });
}

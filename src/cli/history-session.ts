import { historyConfig } from '../config/history-config.js';
import type { Diagnosis, Finding } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { openHistoryStore, type HistoryStore } from '../history/history-store.js';
import { effectiveCategory } from '../history/investigation-record.js';
import { recordInvestigation } from '../history/record-investigation.js';
import { seenBeforeLine, similarInvestigations } from '../history/similar-investigations.js';
import type { CommandIo } from './command-context.js';

export interface HistorySession {
  /** Well-rated past investigations like these findings, one line each, for prompts. */
  similarLines(findings: readonly Finding[]): Promise<string[]>;
  /** Records the diagnosis; returns its id and the "seen before" line when there is one. */
  record(diagnosis: Diagnosis, snapshot: Snapshot): Promise<{ id: string; seenBefore?: string }>;
  close(): void;
}

/**
 * History is a convenience, never a reason to fail a diagnosis: a database that cannot be
 * opened or written is one warning on stderr and the diagnosis goes on.
 */
export function openHistorySession(io: CommandIo): HistorySession | undefined {
  let store: HistoryStore;
  const { dbPath } = historyConfig(io.env);
  try {
    store = openHistoryStore(dbPath);
  } catch (error) {
    io.err(`warning: history disabled: ${dbPath}: ${(error as Error).message}\n`);
    return undefined;
  }
  return {
    async similarLines(findings) {
      const similar = await similarInvestigations(store, findings, 3);
      return similar.map(({ record }) => `${record.id}: ${effectiveCategory(record)} — ${record.diagnosis.summary}${record.note ? ` (note: ${record.note})` : ''}`);
    },
    async record(diagnosis, snapshot) {
      // Look up before recording, so the new record can never be "seen before" itself.
      const seenBefore = seenBeforeLine(await similarInvestigations(store, diagnosis.findings, 3));
      try {
        const record = recordInvestigation(store, diagnosis, snapshot, {
          technique: diagnosis.llm ? 'llm' : 'rules',
          createdAt: new Date().toISOString(),
        });
        return { id: record.id, ...(seenBefore ? { seenBefore } : {}) };
      } catch (error) {
        io.err(`warning: could not record this investigation: ${(error as Error).message}\n`);
        return { id: '', ...(seenBefore ? { seenBefore } : {}) };
      }
    },
    close: () => store.close(),
  };
}

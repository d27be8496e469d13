import type { Snapshot } from '../../domain/snapshot.js';

/**
 * Whether a container's logs were asked for and could not be read. The collector records
 * failures as `logs <pod>/<container>[ (previous)]` (older snapshots: `logs <container>[ (previous|current)]`).
 * Returns the recorded reason, or undefined when the logs were read (or never asked for).
 */
export function unreadableLogs(snapshot: Snapshot, pod: string, container: string): string | undefined {
  const read = snapshot.logs.some((l) => l.pod === pod && l.container === container && l.text.trim() !== '');
  if (read) return undefined;
  for (const error of snapshot.collectionErrors ?? []) {
    const what = /^logs\s+(?:([\w.-]+)\/)?([\w.-]+)(?:\s+\((?:previous|current)\))?\s*$/.exec(error.what.trim());
    if (!what) continue;
    if (what[2] === container && (!what[1] || what[1] === pod)) return error.reason;
  }
  return undefined;
}

/** "Forbidden" said plainly, so the note tells the reader it is a permission to ask for. */
export function isForbidden(reason: string): boolean {
  return /forbidden|cannot get resource "pods\/log"|\b403\b/i.test(reason);
}

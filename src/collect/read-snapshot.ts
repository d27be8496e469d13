import { readFile } from 'node:fs/promises';
import { InputError } from '../domain/errors.js';
import { formatFirstIssue } from '../domain/format-issues.js';
import { snapshotSchema, type Snapshot } from '../domain/snapshot.js';

/** Parses and validates snapshot text; the error names the file and the bad field in one line. */
export function parseSnapshot(text: string, file: string): Snapshot {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`${file}: not valid JSON (${detail})`, file);
  }
  const result = snapshotSchema.safeParse(data);
  if (!result.success) {
    throw new InputError(`${file}: ${formatFirstIssue(result.error)}`, file);
  }
  return result.data as Snapshot;
}

export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new InputError(`${file}: cannot read snapshot (${reason})`, file);
  }
  return parseSnapshot(text, file);
}

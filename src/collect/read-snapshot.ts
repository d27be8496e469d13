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
  // The two documents users mix up: an --output json result given where a snapshot belongs.
  const kind = typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
  if (kind === 'Diagnosis' || kind === 'ScanResult' || kind === 'BenchReport') {
    throw new InputError(`${file}: kind: this is a ${kind} (k8sdiag output), not a Snapshot; write one with \`k8sdiag snapshot pod|deploy|workload <target> -o file.json\``, file);
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

import { open } from 'node:fs/promises';
import { UsageError } from '../domain/errors.js';
import type { Snapshot } from '../domain/snapshot.js';

/**
 * Writes a snapshot as pretty JSON. Without `force` an existing file is never touched:
 * the exclusive-create flag makes the check and the write one atomic step.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot, options: { force?: boolean } = {}): Promise<void> {
  const text = `${JSON.stringify(snapshot, null, 2)}\n`;
  let handle;
  try {
    handle = await open(file, options.force ? 'w' : 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${file} already exists; pass --force to overwrite it`);
    throw new UsageError(`${file}: cannot write (${(error as Error).message})`);
  }
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

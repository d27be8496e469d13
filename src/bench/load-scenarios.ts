import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../domain/errors.js';
import { formatFirstIssue } from '../domain/format-issues.js';
import { snapshotSchema, type Snapshot } from '../domain/snapshot.js';
import { scenarioLabelSchema, type ScenarioLabel } from './scenario-label.js';

export interface Scenario {
  /** The scenario's directory name. */
  id: string;
  snapshot: Snapshot;
  label: ScenarioLabel;
}

/**
 * Reads `<dir>/<id>/snapshot.json` + `label.json` for every sub-directory, sorted by id.
 * Any bad file stops the load with one line naming the file and the field, because a
 * silently skipped scenario would inflate the scores.
 */
export async function loadScenarios(dir: string): Promise<Scenario[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new InputError(`${dir}: cannot read scenario directory (${errorText(cause)})`, dir, { cause });
  }
  const ids = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (ids.length === 0) throw new InputError(`${dir}: no scenario directories found`, dir);

  const scenarios: Scenario[] = [];
  for (const id of ids) {
    const snapshot = (await readValidated(join(dir, id, 'snapshot.json'), snapshotSchema)) as Snapshot;
    const label = await readValidated(join(dir, id, 'label.json'), scenarioLabelSchema);
    scenarios.push({ id, snapshot, label });
  }
  return scenarios;
}

async function readValidated<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new InputError(`${file}: cannot read (${errorText(cause)})`, file, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InputError(`${file}: not valid JSON (${errorText(cause)})`, file, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InputError(`${file}: ${formatFirstIssue(parsed.error)}`, file);
  return parsed.data;
}

function errorText(cause: unknown): string {
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message.split('\n')[0] ?? cause.message;
  return String(cause);
}

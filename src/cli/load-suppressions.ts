import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fingerprintsOf, loadIgnoreFile, suppressKnown, type IgnoreList } from '../detect/baseline.js';
import type { Finding } from '../domain/diagnosis.js';
import { diagnosisSchema } from '../domain/diagnosis.js';
import { InputError } from '../domain/errors.js';
import { formatFirstIssue } from '../domain/format-issues.js';
import type { CommandIo } from './command-context.js';

export interface SuppressionFlags {
  /** A previous `--output json` diagnosis: only findings with new fingerprints count. */
  baseline?: string;
  /** Defaults to `.k8sdiagignore` in the working directory when present. */
  ignoreFile?: string;
}

async function readIgnoreList(flags: SuppressionFlags, io: CommandIo): Promise<IgnoreList | undefined> {
  const path = flags.ignoreFile ?? join(io.cwd, '.k8sdiagignore');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !flags.ignoreFile) return undefined;
    throw new InputError(`${path}: cannot read ignore file (${code ?? (error as Error).message})`, path);
  }
  const list = loadIgnoreFile(text);
  const bad = list.invalid[0];
  if (bad) throw new InputError(`${path}:${bad.line}: expected a fingerprint or category:<name>, got "${bad.text.trim()}"`, path);
  return list;
}

async function readBaseline(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot read baseline (${error.code ?? error.message})`, file);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(`${file}: baseline is not valid JSON (expected an earlier --output json diagnosis)`, file);
  }
  const parsed = diagnosisSchema.safeParse(data);
  if (!parsed.success) throw new InputError(`${file}: ${formatFirstIssue(parsed.error)}`, file);
  return fingerprintsOf(parsed.data);
}

/** Reads `--baseline` and `.k8sdiagignore` into a filter that keeps only the findings that should fail CI. */
export async function loadSuppressions(flags: SuppressionFlags, io: CommandIo): Promise<(findings: readonly Finding[]) => Finding[]> {
  const ignored = await readIgnoreList(flags, io);
  const baselineFingerprints = flags.baseline ? await readBaseline(flags.baseline) : [];
  return (findings) => suppressKnown(findings, { ...(ignored ? { ignored } : {}), baselineFingerprints });
}

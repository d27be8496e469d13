import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Reads `--baseline` and `.k8sdiagignore` into a filter that keeps only the findings that should fail CI. */
export async function loadSuppressions(flags: SuppressionFlags, io: CommandIo): Promise<(findings: readonly Finding[]) => Finding[]> {
  const ignored = new Set<string>();
  const ignoredCategories = new Set<string>();
  const ignorePath = flags.ignoreFile ?? join(io.cwd, '.k8sdiagignore');
  const ignoreText = await readFile(ignorePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && !flags.ignoreFile) return '';
    throw new InputError(`${ignorePath}: cannot read ignore file (${error.code ?? error.message})`, ignorePath);
  });
  for (const raw of ignoreText.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    if (line.startsWith('category:')) ignoredCategories.add(line.slice('category:'.length).trim());
    else ignored.add(line);
  }
  const baseline = new Set<string>();
  if (flags.baseline) {
    const text = await readFile(flags.baseline, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`${flags.baseline}: cannot read baseline (${error.code ?? error.message})`, flags.baseline);
    });
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new InputError(`${flags.baseline}: baseline is not valid JSON (expected a previous --output json diagnosis)`, flags.baseline);
    }
    const parsed = diagnosisSchema.safeParse(data);
    if (!parsed.success) throw new InputError(`${flags.baseline}: ${formatFirstIssue(parsed.error)}`, flags.baseline);
    for (const finding of parsed.data.findings) if (finding.fingerprint) baseline.add(finding.fingerprint);
  }
  return (findings) =>
    findings.filter(
      (f) => !ignoredCategories.has(f.category) && !(f.fingerprint && (ignored.has(f.fingerprint) || baseline.has(f.fingerprint))),
    );
}

import { diagnosisSchema, type Diagnosis } from '../domain/diagnosis.js';
import { formatFirstIssue } from '../domain/format-issues.js';
import { InternalError } from '../domain/errors.js';

/** The spec's Diagnosis document, validated before printing so consumers can rely on it. */
export function renderJson(diagnosis: Diagnosis): string {
  const result = diagnosisSchema.safeParse(diagnosis);
  if (!result.success) {
    throw new InternalError(`diagnosis failed its own schema at ${formatFirstIssue(result.error)}`);
  }
  return `${JSON.stringify(result.data, null, 2)}\n`;
}

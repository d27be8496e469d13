import type { z } from 'zod';

/** `objects[2].metadata.name: expected string, received undefined` — the first issue, one line. */
export function formatFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid document';
  return `${formatPath(issue.path)}: ${issue.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

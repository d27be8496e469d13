import type { CompiledPattern } from './compiled-pattern.js';
import { fillPlaceholders } from './pattern-finding.js';

/** Words that read naturally where a real name is unknown, so the embedding is not skewed by `<pod>` tokens. */
const GENERIC_NAMES: Readonly<Record<string, string>> = {
  namespace: 'the namespace',
  pod: 'the pod',
  container: 'the container',
  workload: 'the deployment',
  node: 'the node',
  image: 'the image',
};

/**
 * A hypothetical answer document for retrieval (HyDE) when no LLM is configured: the matched
 * cause and its fix written as a short troubleshooting passage. Its embedding lands near
 * documentation that explains and fixes the same problem.
 */
export function hydeFromPattern(pattern: CompiledPattern, causeId?: string | null, values: Readonly<Record<string, string>> = {}): string {
  const cause = pattern.causes.find((c) => c.id === causeId) ?? pattern.causes[0];
  const fill = (text: string): string =>
    fillPlaceholders(text, { ...GENERIC_NAMES, ...values }).replace(/<([a-zA-Z]+)>/g, (_, name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  const parts = [
    `${pattern.name}.`,
    oneLine(pattern.description),
    `Symptoms: ${pattern.symptoms.join('; ')}.`,
  ];
  if (cause) {
    parts.push(`Cause: ${fill(cause.title)}. ${fill(oneLine(cause.description))}`);
    parts.push(`Fix: ${fill(oneLine(cause.fix.description))}`);
    if (cause.fix.command) parts.push(`For example: ${fill(cause.fix.command)}`);
  }
  if (pattern.references.length > 0) parts.push(`See: ${pattern.references.join(', ')}.`);
  return parts.join(' ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

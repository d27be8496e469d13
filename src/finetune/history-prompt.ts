import type { Finding } from '../domain/diagnosis.js';
import type { Target } from '../domain/snapshot.js';
import type { ChatMessage } from '../llm/language-model.js';
import { systemPrompt } from '../prompt/system-prompt.js';
import { redact } from '../redact/redact.js';

/**
 * History keeps findings but no snapshot, so prompt/build-prompt.ts (which needs the snapshot)
 * cannot rebuild its prompt. This gives the same system prompt and the same "Findings from the
 * rules" section, and says plainly that the rest of the case is missing.
 */
export function buildHistoryPrompt(target: Target, findings: readonly Finding[]): ChatMessage[] {
  const rendered = findings.length === 0
    ? 'No rule fired.'
    : findings
        .map((f, i) => [`${i + 1}. [${f.severity}] ${f.category}: ${f.title}${f.container ? ` (container ${f.container})` : ''}`, `   Root cause: ${f.rootCause}`, ...f.evidence.map((e) => `   Evidence (${e.source}): ${e.text}`)].join('\n'))
        .join('\n');
  const user = [
    `## Target and status\n${target.kind} ${target.namespace}/${target.name} (recorded investigation: status, events and logs were not kept)`,
    `## Findings from the rules\n${rendered}`,
    '## Task\nExplain the root cause of the failure from the data above and return the JSON answer.',
  ].join('\n\n');
  return [
    { role: 'system', content: systemPrompt() },
    { role: 'user', content: redact(user) },
  ];
}

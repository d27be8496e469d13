import type { ChatMessage } from '../llm/language-model.js';
import type { Finding } from '../domain/diagnosis.js';
import type { Target } from '../domain/snapshot.js';
import { CATEGORIES } from '../domain/categories.js';
import { redact } from '../redact/redact.js';

/**
 * STAND-IN for src/prompt/build-prompt.ts, which the LLM work is writing. Fine-tuning data
 * must be built by the same function the tool prompts with at run time, so swap this for
 * the real builder once it lands; until then this keeps the same inputs and message roles.
 */
export const FINETUNE_SYSTEM_PROMPT = [
  'You are k8sdiag, a Kubernetes troubleshooting assistant.',
  'From the findings and evidence given, name the single root cause and what to change.',
  `Answer with JSON only: {status, category, confidence, summary, findings: [{category, severity, container, title, rootCause, evidence: [{source, text}], fixes: [{description, command}]}]}.`,
  `category is one of: ${CATEGORIES.join(', ')}.`,
  'Quote evidence exactly as it appears; never invent a field or an object name.',
].join('\n');

export interface PromptInput {
  target: Target;
  findings: readonly Finding[];
  /** Warning events and log tails as short lines; may be empty (history keeps no snapshot). */
  context: readonly string[];
}

export function buildLocalTrainingPrompt(input: PromptInput): ChatMessage[] {
  const { target } = input;
  const lines = [`Target: ${target.kind} ${target.namespace}/${target.name}`, '', 'Rule findings:'];
  if (input.findings.length === 0) lines.push('  (none: the rules saw nothing wrong)');
  for (const finding of input.findings) {
    lines.push(`- [${finding.severity}] ${finding.category}${finding.container ? ` (container ${finding.container})` : ''}: ${finding.title}`);
    for (const evidence of finding.evidence) lines.push(`    ${evidence.source}: ${evidence.text}`);
  }
  if (input.context.length > 0) lines.push('', 'Events and logs:', ...input.context.map((line) => `  ${line}`));
  return [
    { role: 'system', content: FINETUNE_SYSTEM_PROMPT },
    { role: 'user', content: redact(lines.join('\n')) },
  ];
}

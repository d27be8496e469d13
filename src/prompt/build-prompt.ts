import type { Diagnosis } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { targetPods } from '../domain/snapshot-view.js';
import type { ChatMessage } from '../llm/language-model.js';
import { fenceUntrusted } from './fence-untrusted.js';
import type { LlmAnswer } from './llm-answer-schema.js';
import { reduceLogs, type LogReduction } from './reduce-logs.js';
import { renderEvents, renderSpec, renderStatus } from './render-snapshot-sections.js';
import { systemPrompt } from './system-prompt.js';
import { renderWorkedExamples, selectExamples, type PromptMode, type WorkedExample } from './worked-examples.js';

export interface PromptPassage {
  id: string;
  title: string;
  source: string;
  text: string;
}

export interface PromptInput {
  snapshot: Snapshot;
  /** The rules' diagnosis: shown as findings and as the draft answer. */
  diagnosis: Diagnosis;
  /** Pattern texts already rendered for a prompt; at most 2 are used. */
  patterns?: readonly string[];
  passages?: readonly PromptPassage[];
  /** Short summaries of similar past investigations. */
  history?: readonly string[];
  question?: string;
  mode: PromptMode;
  /** The pool to choose from; the mode decides how many (0, 1 or 3) are shown. */
  examples?: readonly WorkedExample[];
  /** Tokens the user message may use; logs get what the other sections leave. */
  tokenBudget: number;
  /** Applied to every string that leaves the process: redaction, then pseudonyms. */
  protect: (text: string) => string;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  sections: { name: string; tokens: number }[];
  /** Ids of the worked examples shown, in order. */
  exampleIds: string[];
  logReductions: (LogReduction & { source: string })[];
}

const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** `fake:echo` answers with the block after this fence (the fake matches the same literal). */
export const DRAFT_FENCE = '```json draft';

export function draftAnswer(diagnosis: Diagnosis): LlmAnswer {
  const primary = diagnosis.findings[0];
  return {
    category: diagnosis.category,
    severity: primary?.severity ?? 'critical',
    container: primary?.container ?? null,
    title: primary?.title ?? diagnosis.summary,
    summary: diagnosis.summary,
    rootCause: primary?.rootCause ?? diagnosis.summary,
    evidence: (primary?.evidence ?? []).map((e) => ({ source: e.source, text: e.text })),
    fixes: (primary?.fixes ?? []).map((f) => ({ description: f.description, command: f.command ?? null })),
    confidence: diagnosis.confidence,
    disagreement: null,
  };
}

function renderFindings(diagnosis: Diagnosis): string {
  if (diagnosis.findings.length === 0) return 'No rule fired. The cause has to come from the data below.';
  return diagnosis.findings
    .map((f, i) => [`${i + 1}. [${f.severity}] ${f.category}: ${f.title}${f.container ? ` (container ${f.container})` : ''}`, `   Root cause: ${f.rootCause}`, ...f.evidence.map((e) => `   Evidence (${e.source}): ${e.text}`)].join('\n'))
    .join('\n');
}

/**
 * Assembles the messages: system rules and the worked examples for the mode, then one user message with
 * the case in sections. Data from the cluster is fenced; `protect` runs over every message.
 */
export function buildPrompt(input: PromptInput): BuiltPrompt {
  const { snapshot, diagnosis } = input;
  const fixed: [string, string][] = [
    ['Target and status', fenceUntrusted('status', 'pod and container status', renderStatus(snapshot))],
    ['Findings from the rules', fenceUntrusted('findings', 'detectors', renderFindings(diagnosis))],
    ['Events timeline', snapshot.events.length ? fenceUntrusted('events', 'core/v1 events', renderEvents(snapshot)) : 'No events.'],
    ['Relevant spec excerpts', renderSpec(snapshot) || 'No spec available.'],
  ];
  const patterns = (input.patterns ?? []).slice(0, 2);
  if (patterns.length) fixed.push(['Matched patterns', patterns.join('\n\n')]);
  if (input.passages?.length) fixed.push(['Retrieved documents', input.passages.map((p) => `[doc:${p.id}] ${p.title} (${p.source})\n${p.text.trim()}`).join('\n\n')]);
  if (input.history?.length) fixed.push(['Similar past investigations', input.history.map((h) => `- ${h}`).join('\n')]);
  fixed.push(['Draft answer from the rules', `${DRAFT_FENCE}\n${JSON.stringify(draftAnswer(diagnosis), null, 2)}\n\`\`\``]);
  if (input.question) fixed.push(['Question', fenceUntrusted('question', 'user', input.question)]);
  fixed.push(['Task', 'Explain the root cause of the failure from the data above and return the JSON answer. Keep the draft\'s category unless the evidence shows it is wrong.']);

  const used = fixed.reduce((sum, [name, body]) => sum + estimateTokens(name) + estimateTokens(body), 0);
  const logBudget = Math.max(300, input.tokenBudget - used);
  const podNames = new Set(targetPods(snapshot).map((p) => p.metadata.name));
  // Previous-container logs first: they hold the crash.
  const logs = [...snapshot.logs].sort((a, b) => Number(b.previous) - Number(a.previous) || Number(podNames.has(b.pod)) - Number(podNames.has(a.pod)));
  const logReductions: BuiltPrompt['logReductions'] = [];
  const logSection = logs
    .map((log) => {
      const source = `pod/${log.pod} container ${log.container}${log.previous ? ' (previous)' : ''}`;
      const reduction = reduceLogs(log.text, Math.floor(logBudget / logs.length));
      logReductions.push({ ...reduction, source });
      const note = `(${reduction.keptLines} of ${reduction.originalLines} lines kept; ${reduction.foldedDuplicates} repeated lines folded; ${reduction.omittedFrames} stack frames omitted)`;
      return `${note}\n${fenceUntrusted('log', source, reduction.text)}`;
    })
    .join('\n\n');
  const sections: [string, string][] = [...fixed.slice(0, 3), ['Filtered logs', logSection || 'No logs collected.'], ...fixed.slice(3)];

  const user = sections.map(([name, body]) => `## ${name}\n${body}`).join('\n\n');
  const examples = selectExamples(input.examples ?? [], { mode: input.mode, category: diagnosis.category, snapshot, diagnosis });
  // Examples are ours, not cluster data: a section of their own after the rules, before any fence.
  const system = [systemPrompt(), renderWorkedExamples(examples)].filter((s) => s !== '').join('\n\n');
  const assembled: ChatMessage[] = [{ role: 'system', content: system }, { role: 'user', content: user }];
  const messages = assembled.map((m): ChatMessage => ({ role: m.role, content: input.protect(m.content) }));
  return { messages, sections: sections.map(([name, body]) => ({ name, tokens: estimateTokens(body) })), exampleIds: examples.map((e) => e.id), logReductions };
}

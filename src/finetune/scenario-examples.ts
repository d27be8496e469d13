import type { Scenario } from '../bench/load-scenarios.js';
import type { Diagnosis } from '../domain/diagnosis.js';
import { redactDeep } from '../history/redact-deep.js';
import { diagnose } from '../pipeline/diagnose.js';
import { buildPrompt, draftAnswer } from '../prompt/build-prompt.js';
import type { LlmAnswer } from '../prompt/llm-answer-schema.js';
import { redact } from '../redact/redact.js';
import { snapshotContext } from './snapshot-context.js';
import type { TrainingExample } from './training-example.js';

const PROMPT_TOKENS = 6000;

/**
 * System + user are exactly what the tool sends at run time (prompt/build-prompt.ts, zero-shot,
 * redacted); the assistant turn is the label in the answer schema the model is asked for.
 */
export async function scenarioExamples(scenarios: readonly Scenario[]): Promise<TrainingExample[]> {
  const examples: TrainingExample[] = [];
  for (const scenario of scenarios) {
    const { diagnosis } = await diagnose(scenario.snapshot);
    const { messages } = buildPrompt({ snapshot: scenario.snapshot, diagnosis, mode: 'zero-shot', tokenBudget: PROMPT_TOKENS, protect: redact });
    const answer = labeledAnswer(scenario, diagnosis);
    examples.push({
      key: `scenario:${scenario.id}`,
      source: 'scenario',
      category: scenario.label.category,
      messages: [...messages, { role: 'assistant', content: JSON.stringify(redactDeep(answer)) }],
    });
  }
  return examples;
}

/**
 * When the rules found the labeled cause, their quotes are kept (they are verbatim from the
 * data); otherwise evidence is the snapshot lines holding the label's evidence strings, so the
 * target never quotes something the prompt does not contain. A wrong draft gets a disagreement.
 */
function labeledAnswer(scenario: Scenario, rules: Diagnosis): LlmAnswer {
  const { label } = scenario;
  const agrees = rules.category === label.category;
  const draft = draftAnswer(agrees ? rules : { ...rules, findings: rules.findings.filter((f) => f.category === label.category) });
  const context = snapshotContext(scenario.snapshot);
  const evidence = draft.evidence.length > 0
    ? draft.evidence
    : label.evidence.flatMap((needle) => {
        const line = context.find((l) => l.text.toLowerCase().includes(needle.toLowerCase()));
        return line ? [{ source: line.source, text: line.text }] : [];
      });
  const healthy = label.category === 'healthy';
  return {
    category: label.category,
    severity: healthy ? 'info' : draft.severity,
    container: healthy ? null : draft.container,
    title: agrees ? draft.title : firstSentence(label.notes),
    summary: firstSentence(label.notes),
    rootCause: label.notes,
    evidence: healthy ? [] : evidence,
    fixes: healthy ? [] : draft.fixes.length > 0 ? draft.fixes : [{ description: fixSentence(label.notes), command: null }],
    confidence: 0.9,
    disagreement: agrees ? null : `The rules' draft said ${rules.category}; the evidence shows ${label.category}.`,
  };
}

function firstSentence(text: string): string {
  return text.split(/(?<=\.)\s/)[0] ?? text;
}

// Labels state the fix in their notes ("Fix: ..."); fall back to the whole note.
function fixSentence(notes: string): string {
  const match = /\bFix:\s*([^]*)$/i.exec(notes);
  return (match?.[1] ?? notes).trim();
}

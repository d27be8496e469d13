import type { Scenario } from '../bench/load-scenarios.js';
import type { Finding } from '../domain/diagnosis.js';
import { diagnose } from '../pipeline/diagnose.js';
import { redactDeep } from '../history/redact-deep.js';
import { buildLocalTrainingPrompt } from './local-build-prompt.js';
import { snapshotContext } from './snapshot-context.js';
import type { TargetAnswer, TrainingExample } from './training-example.js';

/**
 * The user turn is the prompt the tool would build from the rules' findings; the assistant
 * turn is the label. Evidence comes from the rules when they found the labeled cause (exact
 * quotes), else from snapshot lines containing the label's evidence strings, so the target
 * never quotes text the model cannot see.
 */
export async function scenarioExamples(scenarios: readonly Scenario[]): Promise<TrainingExample[]> {
  const examples: TrainingExample[] = [];
  for (const scenario of scenarios) {
    const { diagnosis } = await diagnose(scenario.snapshot);
    const context = snapshotContext(scenario.snapshot);
    const messages = buildLocalTrainingPrompt({ target: scenario.snapshot.target, findings: diagnosis.findings, context });
    const answer = labeledAnswer(scenario, diagnosis.findings, context);
    messages.push({ role: 'assistant', content: JSON.stringify(redactDeep(answer)) });
    examples.push({ key: `scenario:${scenario.id}`, source: 'scenario', category: scenario.label.category, messages });
  }
  return examples;
}

function labeledAnswer(scenario: Scenario, findings: readonly Finding[], context: readonly string[]): TargetAnswer {
  const { label } = scenario;
  const status = label.status ?? (label.category === 'healthy' ? 'healthy' : 'failing');
  if (label.category === 'healthy') {
    return { status, category: 'healthy', confidence: 0.9, summary: label.notes, findings: [] };
  }
  const matching = findings.filter((f) => f.category === label.category);
  const evidence = matching.length > 0
    ? matching.flatMap((f) => f.evidence.map(({ source, text }) => ({ source, text })))
    : label.evidence.flatMap((needle) => {
        const line = context.find((l) => l.toLowerCase().includes(needle.toLowerCase()));
        return line ? [{ source: sourceOf(line), text: line.replace(/^(event|log|status) /, '') }] : [];
      });
  const fixes = matching.flatMap((f) => f.fixes.map((fix) => ({ description: fix.description, ...(fix.command ? { command: fix.command } : {}) })));
  const first = matching[0];
  return {
    status,
    category: label.category,
    confidence: 0.9,
    summary: firstSentence(label.notes),
    findings: [{
      category: label.category,
      severity: first?.severity ?? (status === 'degraded' ? 'warning' : 'critical'),
      container: first?.container ?? null,
      title: first?.title ?? label.category,
      rootCause: label.notes,
      evidence,
      fixes: fixes.length > 0 ? fixes : [{ description: fixSentence(label.notes) }],
    }],
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

function sourceOf(line: string): 'log' | 'event' | 'status' {
  return line.startsWith('log') ? 'log' : line.startsWith('status') ? 'status' : 'event';
}

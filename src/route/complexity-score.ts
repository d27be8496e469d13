import type { Finding } from '../domain/diagnosis.js';
import { allContainerStatuses, targetPods } from '../domain/snapshot-view.js';
import type { Snapshot } from '../domain/snapshot.js';

export interface ComplexityFeature {
  name: string;
  /** The measured value, e.g. 3 failing containers. */
  value: number;
  /** What it added to the score. */
  contribution: number;
}

export interface ComplexityScore {
  score: number;
  features: ComplexityFeature[];
}

export interface ComplexityInput {
  snapshot: Snapshot;
  findings: readonly Finding[];
  /** The rules' confidence in their primary finding. */
  ruleConfidence: number;
  question?: string;
}

const ERROR_LINE = /\b(error|exception|fatal|panic|failed|failure|refused|denied|cannot|could not|unable to|timed? ?out|traceback)\b/i;
const STACK_FRAME = /^\s+(at |File "|\S+\.go:\d+|\.\.\. \d+ more)|^goroutine \d+ \[/;

function isExplained(line: string, quotes: readonly string[]): boolean {
  const lower = line.toLowerCase();
  return quotes.some((q) => q.length > 8 && (lower.includes(q) || q.includes(lower.trim())));
}

/**
 * How hard this case looks, 0..1, from signals a person would also weigh: nothing fired or
 * the findings disagree, several containers failing, error lines no finding explains, long
 * stack traces, a multi-part question, low rule confidence. Weights are additive and capped.
 */
export function complexityScore(input: ComplexityInput): ComplexityScore {
  const { snapshot, findings } = input;
  const faults = findings.filter((f) => f.severity !== 'info');
  const features: ComplexityFeature[] = [];
  const add = (name: string, value: number, contribution: number): void => {
    if (contribution > 0) features.push({ name, value, contribution: Math.round(contribution * 1000) / 1000 });
  };

  const failingContainers = targetPods(snapshot)
    .flatMap((pod) => allContainerStatuses(pod))
    .filter(({ status }) => status.ready !== true && (status.restartCount ?? 0) + (status.state?.waiting ? 1 : 0) > 0).length;

  // A finding of category `unknown` means something is wrong but no rule could name it.
  const unexplainedFault = faults.every((f) => f.category === 'unknown') && (faults.length > 0 || failingContainers > 0);
  add('no-detector-fired', unexplainedFault ? 1 : 0, unexplainedFault ? 0.5 : 0);
  const categories = new Set(faults.filter((f) => f.severity === 'critical').map((f) => f.category));
  add('conflicting-findings', categories.size, categories.size >= 2 ? 0.2 + 0.05 * (categories.size - 2) : 0);
  add('failing-containers', failingContainers, failingContainers >= 2 ? Math.min(0.2, 0.1 * (failingContainers - 1)) : 0);

  const quotes = findings.flatMap((f) => f.evidence.map((e) => e.text.toLowerCase()));
  const lines = snapshot.logs.flatMap((log) => log.text.split('\n'));
  const unexplained = new Set(lines.filter((l) => ERROR_LINE.test(l) && !STACK_FRAME.test(l) && !isExplained(l, quotes)).map((l) => l.trim())).size;
  add('unknown-error-lines', unexplained, Math.min(0.25, 0.05 * unexplained));
  const frames = lines.filter((l) => STACK_FRAME.test(l)).length;
  add('long-stack-trace', frames, frames >= 15 ? Math.min(0.2, 0.1 + frames / 500) : 0);

  const question = input.question ?? '';
  const parts = (question.match(/\?/g) ?? []).length + (/\b(and|also|then)\s+(why|how|what|which|should|can)\b/i.test(question) ? 1 : 0);
  add('multi-part-question', parts, parts >= 2 ? 0.15 : 0);
  add('low-rule-confidence', input.ruleConfidence, faults.length > 0 && input.ruleConfidence < 0.8 ? (0.8 - input.ruleConfidence) * 0.75 : 0);

  const score = Math.min(1, features.reduce((sum, f) => sum + f.contribution, 0));
  return { score: Math.round(score * 1000) / 1000, features };
}

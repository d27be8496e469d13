import { z } from 'zod';
import type { Diagnosis } from '../domain/diagnosis.js';
import type { LanguageModel } from '../llm/language-model.js';
import type { BenchCase } from './bench-case.js';
import type { ScenarioLabel } from './scenario-label.js';

const verdictSchema = z.object({ score: z.number().int().min(1).max(5), reason: z.string() });
export type JudgeVerdict = z.infer<typeof verdictSchema>;

export interface JudgeSummary {
  model: string;
  /** Mean score 1..5 over the cases the judge answered. */
  mean: number | null;
  judged: number;
  /** Judge answers that were not valid JSON in the rubric's shape: excluded, and counted. */
  unreadable: number;
}

function judgePrompt(rubric: string, label: ScenarioLabel, diagnosis: Diagnosis): string {
  const answer = {
    status: diagnosis.status,
    category: diagnosis.category,
    summary: diagnosis.summary,
    findings: diagnosis.findings.filter((f) => f.category === diagnosis.category).map((f) => ({ rootCause: f.rootCause, evidence: f.evidence.map((e) => e.text), fixes: f.fixes.map((x) => x.command ?? x.description) })),
  };
  return `${rubric}\n\n## Reference\ncategory: ${label.category}\n${label.notes}\n\n## Diagnosis to grade\n${JSON.stringify(answer, null, 2)}`;
}

/** Model text → verdict; tolerates a fenced block, never evals or trusts the shape. */
export function readVerdict(text: string): JudgeVerdict | undefined {
  const body = /\{[^]*\}/.exec(text)?.[0];
  if (!body) return undefined;
  try {
    const parsed = verdictSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function judgeCases(model: LanguageModel, rubric: string, cases: readonly BenchCase[], labels: ReadonlyMap<string, ScenarioLabel>): Promise<JudgeSummary> {
  const scores: number[] = [];
  let unreadable = 0;
  for (const c of cases) {
    const label = labels.get(c.scenario);
    if (!label || c.error) continue;
    const result = await model.generate({ messages: [{ role: 'user', content: judgePrompt(rubric, label, c.diagnosis) }], temperature: 0, maxOutputTokens: 300 });
    const verdict = readVerdict(result.text);
    if (verdict) scores.push(verdict.score);
    else unreadable += 1;
  }
  return {
    model: `${model.provider}:${model.modelId}`,
    mean: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
    judged: scores.length,
    unreadable,
  };
}

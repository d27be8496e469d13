import type { InvestigationRecord } from '../history/investigation-record.js';
import type { LlmAnswer } from '../prompt/llm-answer-schema.js';
import { buildHistoryPrompt } from './history-prompt.js';
import type { TrainingExample } from './training-example.js';

/**
 * Well-rated history becomes training rows in the answer schema. A person's
 * --correct-category overrides the answer (their note becomes the root cause), since that is
 * the truth the team confirmed.
 */
export function historyExamples(records: readonly InvestigationRecord[], minRating = 4): TrainingExample[] {
  return records
    .filter((record) => (record.rating ?? 0) >= minRating)
    .map((record) => {
      const d = record.diagnosis;
      const category = record.correctCategory ?? d.category;
      const relabeled = category !== d.category;
      const primary = d.findings[0];
      const healthy = category === 'healthy';
      const answer: LlmAnswer = {
        category,
        severity: healthy ? 'info' : primary?.severity ?? 'critical',
        container: healthy ? null : primary?.container ?? null,
        title: relabeled ? `${category}` : primary?.title ?? d.summary,
        summary: relabeled && record.note ? record.note : d.summary,
        rootCause: relabeled && record.note ? record.note : primary?.rootCause ?? d.summary,
        evidence: healthy ? [] : (primary?.evidence ?? []).map(({ source, text }) => ({ source, text })),
        fixes: healthy || relabeled ? [] : (primary?.fixes ?? []).map((fix) => ({ description: fix.description, command: fix.command ?? null })),
        confidence: d.confidence,
        disagreement: relabeled ? `The rules' draft said ${d.category}; a person confirmed ${category}.` : null,
      };
      return {
        key: `history:${record.id}`,
        source: 'history' as const,
        category,
        messages: [...buildHistoryPrompt(record.target, record.findings), { role: 'assistant' as const, content: JSON.stringify(answer) }],
      };
    });
}

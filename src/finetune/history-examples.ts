import type { InvestigationRecord } from '../history/investigation-record.js';
import { buildLocalTrainingPrompt } from './local-build-prompt.js';
import type { TargetAnswer, TrainingExample } from './training-example.js';

/**
 * Well-rated history becomes training rows. A person's --correct-category overrides the
 * answer's category (the primary finding is relabeled with it), since that is the truth
 * the team confirmed. History keeps no snapshot, so the prompt has findings only.
 */
export function historyExamples(records: readonly InvestigationRecord[], minRating = 4): TrainingExample[] {
  return records
    .filter((record) => (record.rating ?? 0) >= minRating)
    .map((record) => {
      const d = record.diagnosis;
      const category = record.correctCategory ?? d.category;
      const relabeled = record.correctCategory !== null && record.correctCategory !== d.category;
      const answer: TargetAnswer = {
        status: category === 'healthy' ? 'healthy' : d.status === 'healthy' ? 'failing' : d.status,
        category,
        confidence: d.confidence,
        summary: relabeled && record.note ? record.note : d.summary,
        findings: category === 'healthy' ? [] : d.findings.slice(0, 1).map((f) => ({
          category,
          severity: f.severity,
          container: f.container ?? null,
          title: f.title,
          rootCause: relabeled && record.note ? record.note : f.rootCause,
          evidence: f.evidence.map(({ source, text }) => ({ source, text })),
          fixes: f.fixes.map((fix) => ({ description: fix.description, ...(fix.command ? { command: fix.command } : {}) })),
        })),
      };
      const messages = buildLocalTrainingPrompt({ target: record.target, findings: record.findings, context: [] });
      messages.push({ role: 'assistant', content: JSON.stringify(answer) });
      return { key: `history:${record.id}`, source: 'history' as const, category, messages };
    });
}

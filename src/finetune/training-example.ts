import type { Category } from '../domain/categories.js';
import type { ChatMessage } from '../llm/language-model.js';

/** One chat-format fine-tuning row plus where it came from (kept out of the JSONL). */
export interface TrainingExample {
  /** `scenario:<dir>` or `history:<id>`: the split hashes this. */
  key: string;
  source: 'scenario' | 'history';
  category: Category;
  messages: ChatMessage[];
}

/** The assistant turn: the part of a Diagnosis a model must produce. */
export interface TargetAnswer {
  status: string;
  category: Category;
  confidence: number;
  summary: string;
  findings: {
    category: Category;
    severity: string;
    container: string | null;
    title: string;
    rootCause: string;
    evidence: { source: string; text: string }[];
    fixes: { description: string; command?: string }[];
  }[];
}

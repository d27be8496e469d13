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

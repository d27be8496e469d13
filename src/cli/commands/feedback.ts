import { historyConfig } from '../../config/history-config.js';
import { CATEGORIES, isCategory } from '../../domain/categories.js';
import { UsageError } from '../../domain/errors.js';
import { openHistoryStore } from '../../history/history-store.js';
import type { Feedback } from '../../history/investigation-record.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';

export interface FeedbackArgs {
  id: string;
  rating?: string;
  note?: string;
  correctCategory?: string;
  /** Only for tests; the CLI always uses the wall clock. */
  now?: () => Date;
}

/** Validates the flags into a Feedback or throws one UsageError line (exit 2). */
export function parseFeedback(args: FeedbackArgs): Feedback {
  const ratingText = (args.rating ?? '').trim();
  if (!/^[1-5]$/.test(ratingText)) throw new UsageError(`--rating must be a whole number from 1 to 5 (got "${args.rating ?? ''}")`);
  const feedback: Feedback = { rating: Number(ratingText) };
  if (args.note !== undefined) feedback.note = args.note;
  if (args.correctCategory !== undefined) {
    if (!isCategory(args.correctCategory)) {
      throw new UsageError(`--correct-category "${args.correctCategory}" is not a category; use one of: ${CATEGORIES.join(', ')}`);
    }
    feedback.correctCategory = args.correctCategory;
  }
  return feedback;
}

/** `k8sdiag feedback <id> --rating 1-5 [--note ...] [--correct-category ...]` */
export async function run(args: FeedbackArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const feedback = parseFeedback(args);
  const store = openHistoryStore(historyConfig(io.env).dbPath);
  try {
    const record = store.rate(args.id, feedback, (args.now ?? (() => new Date()))().toISOString());
    if (globals.output === 'json') io.out(`${JSON.stringify({ id: record.id, rating: record.rating, note: record.note, correctCategory: record.correctCategory }, null, 2)}\n`);
    else io.out(`recorded rating ${record.rating}/5 for ${record.id}${record.correctCategory ? ` (correct category: ${record.correctCategory})` : ''}\n`);
    return 0;
  } finally {
    store.close();
  }
}

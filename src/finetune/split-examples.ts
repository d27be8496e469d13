import { createHash } from 'node:crypto';
import type { TrainingExample } from './training-example.js';

export interface Split {
  train: TrainingExample[];
  validation: TrainingExample[];
}

/**
 * Deterministic and stratified: within each category, examples are ordered by a hash of
 * their key and the first round(n × ratio) go to validation. Adding one example never
 * moves the others between splits unless its category's validation count changes.
 * Categories with a single example stay in train: one example cannot be both learned and held out.
 */
export function splitExamples(examples: readonly TrainingExample[], validationRatio: number): Split {
  const byCategory = new Map<string, TrainingExample[]>();
  for (const example of examples) byCategory.set(example.category, [...(byCategory.get(example.category) ?? []), example]);
  const validationKeys = new Set<string>();
  for (const group of byCategory.values()) {
    if (group.length < 2) continue;
    const ordered = [...group].sort((a, b) => hashOf(a.key).localeCompare(hashOf(b.key)));
    const count = Math.min(group.length - 1, Math.round(group.length * validationRatio));
    for (const example of ordered.slice(0, count)) validationKeys.add(example.key);
  }
  return {
    train: examples.filter((e) => !validationKeys.has(e.key)),
    validation: examples.filter((e) => validationKeys.has(e.key)),
  };
}

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

import { describe, expect, it } from 'vitest';
import { findPattern } from './compiled-pattern.js';
import { hydeFromPattern } from './hyde-from-pattern.js';
import { loadDefaultPatterns } from './load-patterns.js';
import { MAX_PATTERNS_PER_PROMPT, renderPatternForPrompt, renderPatternsForPrompt } from './render-pattern-for-prompt.js';

const library = loadDefaultPatterns();
const oom = findPattern(library, 'oom-killed');

describe('renderPatternForPrompt', () => {
  it('lists the matched cause first and marks it', () => {
    if (!oom) throw new Error('oom-killed pattern missing');
    const text = renderPatternForPrompt(oom, { causeId: 'node-oom' });
    const causes = text.slice(text.indexOf('Causes:'));
    expect(causes.split('\n')[1]).toContain('(matched here)');
    expect(causes.split('\n')[1]).toContain('OOMKilling event');
  });

  it('stays within its character budget for every shipped pattern', () => {
    for (const pattern of library.patterns) expect(renderPatternForPrompt(pattern).length, pattern.id).toBeLessThanOrEqual(1800);
  });

  it('quotes at most two patterns, skipping unknown ids and repeats', () => {
    const text = renderPatternsForPrompt(library, [
      { patternId: 'no-such-pattern' },
      { patternId: 'crash-loop-back-off' },
      { patternId: 'crash-loop-back-off' },
      { patternId: 'oom-killed' },
      { patternId: 'missing-dependency' },
    ]);
    expect(text.match(/^Pattern /gm)).toHaveLength(MAX_PATTERNS_PER_PROMPT);
    expect(text).toContain('Pattern crash-loop-back-off');
    expect(text).toContain('Pattern oom-killed');
    expect(text).not.toContain('Pattern missing-dependency');
  });
});

describe('hydeFromPattern', () => {
  it('writes the chosen cause and its fix as prose with real names where given', () => {
    const pattern = findPattern(library, 'missing-configmap');
    if (!pattern) throw new Error('missing-configmap pattern missing');
    const text = hydeFromPattern(pattern, 'volume-configmap-missing', { configmap: 'shop-config', volume: 'config', namespace: 'shop' });
    expect(text).toContain('ConfigMap shop-config for volume config does not exist');
    expect(text).toContain('Fix: Create ConfigMap shop-config in shop');
    expect(text).not.toMatch(/\{[a-zA-Z]+\}/);
  });

  it('uses plain words where a name is unknown', () => {
    if (!oom) throw new Error('oom-killed pattern missing');
    const text = hydeFromPattern(oom, 'limit-too-low');
    expect(text).toContain('the container exceeds its memory limit');
    expect(text).not.toMatch(/[{}]/);
  });
});

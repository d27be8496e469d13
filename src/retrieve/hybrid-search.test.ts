import { describe, expect, it } from 'vitest';
import type { Chunk } from '../domain/passage.js';
import { buildBm25 } from './bm25.js';
import { chunkFilter, reciprocalRankFusion } from './hybrid-search.js';

const chunk = (id: number, source: string, text: string, categories: string[] = []): Chunk => ({ id, source, title: source, headingPath: [], categories, tags: [], text });

describe('reciprocalRankFusion', () => {
  it('ranks an item found high by both lists above one found first by only one list', () => {
    const dense = [{ id: 1, score: 0.9 }, { id: 2, score: 0.8 }, { id: 3, score: 0.7 }];
    const keywords = [{ id: 4, score: 12 }, { id: 2, score: 9 }, { id: 5, score: 3 }];
    expect(reciprocalRankFusion([dense, keywords]).map((r) => r.id)).toEqual([2, 1, 4, 3, 5]);
  });

  it('uses ranks only, so a huge score in one list cannot dominate', () => {
    const fused = reciprocalRankFusion([[{ id: 7, score: 1e9 }, { id: 8, score: 1 }], [{ id: 8, score: 0.1 }, { id: 7, score: 0.01 }]]);
    expect(fused[0]?.score).toBeCloseTo(fused[1]?.score ?? 0);
  });

  it('lets a weighted list win ties', () => {
    const fused = reciprocalRankFusion([[{ id: 1, score: 1 }], [{ id: 2, score: 1 }]], [1, 2]);
    expect(fused.map((r) => r.id)).toEqual([2, 1]);
  });
});

describe('bm25 and metadata filters', () => {
  const chunks = [
    chunk(0, 'oom.md', 'The container was OOMKilled with exit code 137 after exceeding its memory limit.', ['oom-killed']),
    chunk(1, 'probes/liveness.md', 'Liveness probe failed: the kubelet restarts the container.', ['liveness-probe-failure']),
    chunk(2, 'probes/readiness.md', 'Readiness probe failed, the pod is not ready and has no endpoints.', ['readiness-probe-failure']),
  ];
  const bm25 = buildBm25(chunks);

  it('finds the chunk sharing the rare words first', () => {
    expect(bm25.search('why was my container OOMKilled', 3)[0]?.id).toBe(0);
    expect(bm25.search('liveness probe failed', 3).map((h) => h.id)).toEqual([1, 2]);
  });

  it('filters by category and by source prefix', () => {
    expect(bm25.search('probe failed', 3, chunkFilter(chunks, { category: 'readiness-probe-failure' })).map((h) => h.id)).toEqual([2]);
    expect(bm25.search('container', 3, chunkFilter(chunks, { source: 'probes/' })).map((h) => h.id)).toEqual([1]);
  });
});

import { describe, expect, it } from 'vitest';
import { leafChanges } from './leaf-changes.js';

describe('leafChanges', () => {
  it('names the one env var a rollout added instead of printing both lists', () => {
    const before = { env: [{ name: 'API_BASE', value: 'http://api' }] };
    const after = { env: [{ name: 'API_BASE', value: 'http://api' }, { name: 'FLAGS_URL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'flags_url' } } }] };
    expect(leafChanges(before, after)).toEqual(['env FLAGS_URL: added {"valueFrom":{"configMapKeyRef":{"name":"settings","key":"flags_url"}}}']);
  });

  it('shows a lowered memory limit as old → new', () => {
    expect(leafChanges({ limits: { cpu: '2', memory: '1536Mi' } }, { limits: { cpu: '2', memory: '768Mi' } })).toEqual(['limits.memory: 1536Mi → 768Mi']);
  });

  it('reports removals and reordering by name, not position', () => {
    const before = { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] };
    const after = { env: [{ name: 'B', value: '2' }] };
    expect(leafChanges(before, after)).toEqual(['env A: removed']);
  });

  it('says nothing when nothing changed', () => {
    expect(leafChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });
});

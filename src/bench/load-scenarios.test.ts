import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors.js';
import { loadScenarios } from './load-scenarios.js';

const snapshot = {
  apiVersion: 'k8sdiag/v1',
  kind: 'Snapshot',
  metadata: { collectedAt: '2026-01-01T00:00:00Z' },
  target: { kind: 'Pod', namespace: 'ns', name: 'p' },
  objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' } }],
};
const label = { category: 'oom-killed', evidence: ['OOMKilled'], fix: ['memory'], notes: 'killed at its limit' };

async function scenarioDir(files: Record<string, Record<string, unknown> | string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'k8sdiag-scenarios-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('loadScenarios', () => {
  it('returns validated scenarios sorted by directory name with label defaults filled in', async () => {
    const dir = await scenarioDir({ 'b/snapshot.json': snapshot, 'b/label.json': label, 'a/snapshot.json': snapshot, 'a/label.json': { category: 'healthy', notes: 'fine' } });
    const scenarios = await loadScenarios(dir);
    expect(scenarios.map((s) => s.id)).toEqual(['a', 'b']);
    expect(scenarios[0]?.label).toEqual({ category: 'healthy', evidence: [], fix: [], tricky: false, notes: 'fine' });
    expect(scenarios[1]?.snapshot.events).toEqual([]);
  });

  it('names the file and the field when a label has a category outside the spec', async () => {
    const dir = await scenarioDir({ 'x/snapshot.json': snapshot, 'x/label.json': { ...label, category: 'oom' } });
    const error = await loadScenarios(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/x[\\/]label\.json: category: /);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('names the path of a bad snapshot field', async () => {
    const bad = { ...snapshot, objects: [{ kind: 'Pod', metadata: {} }] };
    const dir = await scenarioDir({ 'y/snapshot.json': bad, 'y/label.json': label });
    await expect(loadScenarios(dir)).rejects.toThrow(/y[\\/]snapshot\.json: objects\[0\]\.metadata\.name/);
  });

  it('rejects unknown label fields so a typo like "evidance" is not silently ignored', async () => {
    const dir = await scenarioDir({ 'z/snapshot.json': snapshot, 'z/label.json': { ...label, evidance: ['x'] } });
    await expect(loadScenarios(dir)).rejects.toThrow(/z[\\/]label\.json/);
  });

  it('reports a missing label file and invalid JSON as one-line input errors', async () => {
    const missing = await scenarioDir({ 'm/snapshot.json': snapshot });
    await expect(loadScenarios(missing)).rejects.toThrow(/m[\\/]label\.json: cannot read \(ENOENT\)/);
    const broken = await scenarioDir({ 'j/snapshot.json': '{"apiVersion": ', 'j/label.json': label });
    await expect(loadScenarios(broken)).rejects.toThrow(/j[\\/]snapshot\.json: not valid JSON/);
  });

  it('refuses an empty or missing directory instead of scoring nothing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'k8sdiag-empty-'));
    await expect(loadScenarios(empty)).rejects.toThrow(/no scenario directories/);
    await expect(loadScenarios(join(empty, 'nope'))).rejects.toThrow(/cannot read scenario directory/);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios, type Scenario } from '../src/bench/load-scenarios.js';
import { CATEGORIES } from '../src/domain/categories.js';
import { snapshotSchema } from '../src/domain/snapshot.js';
import { eventCount, targetObject, targetPods } from '../src/domain/snapshot-view.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
const scenarios: Scenario[] = await loadScenarios(dir);

describe('labeled scenario set', () => {
  it('loads every scenario directory (none skipped)', () => {
    const dirs = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(scenarios.length).toBe(dirs.length);
    expect(scenarios.length).toBeGreaterThanOrEqual(56);
  });

  it('covers every spec category at least twice and healthy at least five times', () => {
    const counts = new Map<string, number>();
    for (const s of scenarios) counts.set(s.label.category, (counts.get(s.label.category) ?? 0) + 1);
    const short = CATEGORIES.filter((c) => (counts.get(c) ?? 0) < 2);
    expect(short).toEqual([]);
    expect(counts.get('healthy') ?? 0).toBeGreaterThanOrEqual(5);
  });

  it('has at least 10 Deployment targets and 12 tricky cases', () => {
    expect(scenarios.filter((s) => s.snapshot.target.kind === 'Deployment').length).toBeGreaterThanOrEqual(10);
    expect(scenarios.filter((s) => s.label.tricky).length).toBeGreaterThanOrEqual(12);
  });

  it('ships bundled examples that validate as snapshots', async () => {
    const examples = join(import.meta.dirname, '..', 'fixtures', 'examples');
    const files = readdirSync(examples).filter((f) => f.endsWith('.json'));
    expect(files).toContain('crashloop-missing-db.json');
    for (const file of files) {
      const parsed = snapshotSchema.safeParse(JSON.parse(readFileSync(join(examples, file), 'utf8')));
      expect(parsed.success, file).toBe(true);
    }
  });

  it('includes the awkward real forms: series-only scheduler events, combined events, unreadable logs', () => {
    const events = scenarios.flatMap((s) => s.snapshot.events);
    expect(events.some((e) => e.firstTimestamp === null && e.count == null && e.eventTime && e.series && e.reportingComponent === 'default-scheduler')).toBe(true);
    expect(events.some((e) => e.message?.startsWith('(combined from similar events)'))).toBe(true);
    expect(scenarios.some((s) => s.snapshot.collectionErrors?.some((c) => /logs/.test(c.what)))).toBe(true);
  });

  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, s) => {
    it('has its target object first and reachable pods for workload targets', () => {
      expect(targetObject(s.snapshot)).toBeDefined();
      expect(s.snapshot.objects[0]?.kind).toBe(s.snapshot.target.kind);
      if (s.snapshot.target.kind !== 'Pod' && s.label.category !== 'quota-exceeded' && s.label.category !== 'rollout-stuck') {
        expect(targetPods(s.snapshot).length).toBeGreaterThan(0);
      }
    });

    it('never stores Secret values', () => {
      for (const o of s.snapshot.objects.filter((x) => x.kind === 'Secret')) {
        const data = (o as { data?: Record<string, string> }).data ?? {};
        expect(Object.values(data).every((v) => v === '')).toBe(true);
      }
    });

    it('has no timestamp after collectedAt and counts that make sense', () => {
      const collected = Date.parse(s.snapshot.metadata.collectedAt);
      const stamps = JSON.stringify(s.snapshot).match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g) ?? [];
      expect(stamps.filter((t) => Date.parse(t) > collected)).toEqual([]);
      for (const e of s.snapshot.events) expect(eventCount(e)).toBeGreaterThanOrEqual(1);
    });

    it('labels a fault with evidence to look for, and a healthy target as healthy', () => {
      if (s.label.category === 'healthy') expect(s.label.status ?? 'healthy').toBe('healthy');
      else if (s.label.category !== 'unknown') expect(s.label.evidence.length).toBeGreaterThan(0);
      else expect(s.label.status).not.toBe('healthy');
    });
  });
});

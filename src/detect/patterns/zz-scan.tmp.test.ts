import { readdirSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { snapshotSchema, type Snapshot } from '../../domain/snapshot.js';
import { diagnose } from '../../pipeline/diagnose.js';
import { loadDefaultPatterns } from './load-patterns.js';
import { matchPatterns } from './match-patterns.js';

it('scan', async () => {
  const root = 'fixtures/scenarios';
  const lib = loadDefaultPatterns();
  let patternsOnlyOk = 0, withOk = 0, withoutOk = 0, n = 0;
  const rows: string[] = [];
  for (const id of readdirSync(root).sort()) {
    const snap = snapshotSchema.parse(JSON.parse(readFileSync(`${root}/${id}/snapshot.json`, 'utf8'))) as Snapshot;
    const label = JSON.parse(readFileSync(`${root}/${id}/label.json`, 'utf8')) as { category: string };
    n++;
    const only = matchPatterns(snap, [], lib).findings;
    const onlyCats = only.map((f) => `${f.category}:${f.severity[0]}:${f.confidence}`);
    const firstOnly = only.find((f) => f.severity !== 'info')?.category ?? 'healthy';
    if (firstOnly === label.category || (label.category === 'unknown' && only.length === 0)) patternsOnlyOk++;
    const a = (await diagnose(snap, { patterns: null })).diagnosis;
    const b = (await diagnose(snap)).diagnosis;
    if (a.category === label.category) withoutOk++;
    if (b.category === label.category) withOk++;
    const flag = b.category !== label.category ? 'XX' : a.category !== label.category ? '++' : '  ';
    rows.push(`${flag} ${id.padEnd(50)} label=${label.category.padEnd(24)} rules=${a.category.padEnd(24)} rules+pat=${b.category.padEnd(24)} patOnly=[${onlyCats.join(',')}]`);
  }
  console.log(rows.join('\n'));
  console.log(`n=${n} patternsOnly=${patternsOnlyOk} rulesOnly=${withoutOk} rules+patterns=${withOk}`);
});

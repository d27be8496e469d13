#!/usr/bin/env node
// Runs every labeled scenario through the compiled diagnose() pipeline and scores it.
// Usage: npm run eval [-- --scenarios <dir>] [-- --json]
// Exits non-zero only when something crashes; low scores are information, not failure.
import { parseArgs } from 'node:util';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { scenarios: { type: 'string' }, json: { type: 'boolean', default: false } } });
const dir = values.scenarios ?? join(root, 'fixtures', 'scenarios');

const { loadScenarios } = await import(join(root, 'dist/bench/load-scenarios.js'));
const { scoreScenarios } = await import(join(root, 'dist/bench/score-scenarios.js'));
const { diagnose } = await import(join(root, 'dist/pipeline/diagnose.js'));

let scenarios;
try {
  scenarios = await loadScenarios(dir);
} catch (error) {
  console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const cases = [];
const started = performance.now();
for (const scenario of scenarios) {
  const { diagnosis } = await diagnose(scenario.snapshot);
  cases.push({ id: scenario.id, label: scenario.label, diagnosis });
}
const elapsedMs = performance.now() - started;
const score = scoreScenarios(cases);

if (values.json) {
  const perScenario = cases.map((c) => ({ id: c.id, expected: c.label.category, got: c.diagnosis.category, status: c.diagnosis.status, confidence: c.diagnosis.confidence, tricky: c.label.tricky }));
  console.log(JSON.stringify({ scenarios: relative(process.cwd(), dir) || '.', elapsedMs: Math.round(elapsedMs), ...score, perScenario }, null, 2));
  process.exit(0);
}

const pct = (x) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const out = [];
out.push(`k8sdiag eval: ${score.total} scenarios from ${relative(process.cwd(), dir) || '.'} in ${elapsedMs.toFixed(0)} ms`);
out.push('');
out.push(`${'category'.padEnd(26)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'n'.padStart(4)}`);
for (const row of score.perCategory) {
  out.push(`${row.category.padEnd(26)} ${pct(row.precision).padStart(9)} ${pct(row.recall).padStart(7)} ${String(row.n).padStart(4)}`);
}
out.push('');
out.push(`accuracy: ${score.correct}/${score.total} (${pct(score.accuracy).trim()})`);
const tricky = cases.filter((c) => c.label.tricky);
out.push(`  tricky: ${tricky.filter((c) => c.diagnosis.category === c.label.category).length}/${tricky.length}`);
out.push(`evidence hit rate: ${score.evidence.hits}/${score.evidence.checked} (${pct(score.evidence.rate).trim()})`);
out.push(`fix hit rate: ${score.fix.hits}/${score.fix.checked} (${pct(score.fix.rate).trim()})`);
out.push(`false alarms on healthy targets: ${score.falseAlarms.length}/${score.healthyChecked}${score.falseAlarms.length ? ' — ' + score.falseAlarms.map((f) => `${f.id} (${f.got})`).join(', ') : ''}`);
out.push('');
if (score.confusions.length === 0) out.push('confusions: none');
else {
  out.push('confusions (expected → got: scenarios):');
  for (const c of score.confusions) out.push(`  ${c.expected} → ${c.got}: ${c.ids.join(', ')}`);
}
const missLines = (name, misses) => misses.length === 0 ? [] : [`${name} misses:`, ...misses.map((m) => `  ${m.id}: ${m.missing.map((s) => JSON.stringify(s)).join(', ')}`)];
out.push(...missLines('evidence', score.evidence.misses), ...missLines('fix', score.fix.misses));
console.log(out.join('\n'));

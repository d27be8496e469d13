#!/usr/bin/env node
// `npm run bench:diagnose`: how long the rules pipeline takes to diagnose one snapshot in-process
// (compiled dist/pipeline/diagnose.js, pattern library loaded once, every scenario many times;
// target median < 5 ms), and what a whole `k8sdiag diagnose --from` process costs next to a bare
// `node -e ''` start-up.
// Usage: node bench/diagnose-speed.mjs [--scenarios <dir>]... [--iterations N] [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', multiple: true },
    iterations: { type: 'string', default: '50' },
    runs: { type: 'string', default: '10' },
  },
});
const dirs = values.scenarios ?? [join(root, 'fixtures/scenarios'), join(root, 'fixtures/holdout')].filter((d) => existsSync(d));
const iterations = Number(values.iterations);
const runs = Number(values.runs);
const TARGET_MS = 5;

const { loadScenarios } = await import(join(root, 'dist/bench/load-scenarios.js'));
const { loadDefaultPatterns } = await import(join(root, 'dist/detect/patterns/load-patterns.js'));
const { diagnose } = await import(join(root, 'dist/pipeline/diagnose.js'));

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

const scenarios = (await Promise.all(dirs.map((d) => loadScenarios(d)))).flat();
const loadStarted = performance.now();
const library = loadDefaultPatterns();
const loadMs = performance.now() - loadStarted;
const deps = { patterns: () => library };

// Warm-up: let V8 compile the hot paths before timing, as a long-running process would have.
for (const scenario of scenarios) await diagnose(scenario.snapshot, deps);

const samples = [];
for (let round = 0; round < iterations; round++) {
  for (const scenario of scenarios) {
    const started = performance.now();
    await diagnose(scenario.snapshot, deps);
    samples.push(performance.now() - started);
  }
}
samples.sort((a, b) => a - b);
const median = quantile(samples, 0.5);
const p95 = quantile(samples, 0.95);

function timeProcess(args) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - started);
    // diagnose exits 1 for a failing target by design; only a crash (signal or status > 1) is an error.
    if (child.signal || (child.status ?? 0) > 1) throw new Error(`${args.join(' ')} failed: ${child.stderr}`);
  }
  return times.sort((a, b) => a - b);
}

const example = 'fixtures/examples/crashloop-missing-db.json';
const cli = timeProcess([join(root, 'dist/cli/main.js'), 'diagnose', '--from', example, '-o', 'json']);
const bare = timeProcess(['-e', '']);

console.log(`k8sdiag diagnose speed (${scenarios.length} scenarios x ${iterations} iterations = ${samples.length} diagnoses)`);
console.log(`  pattern library load (once):  ${ms(loadMs)}`);
console.log(`  in-process diagnose median:   ${ms(median)}   p95: ${ms(p95)}   max: ${ms(samples[samples.length - 1])}   target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'MISSED'}`);
console.log(`  CLI diagnose --from ${example} -o json, median of ${runs}: ${ms(quantile(cli, 0.5))} (min ${ms(cli[0])}, max ${ms(cli[cli.length - 1])})`);
console.log(`  node -e '' start-up, median of ${runs}:  ${ms(quantile(bare, 0.5))}`);
console.log(`  CLI cost above node start-up: ${ms(quantile(cli, 0.5) - quantile(bare, 0.5))}`);

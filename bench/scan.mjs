// `npm run bench:scan`: times the built CLI's `scan -A` against the fake apiserver holding
// 1,000 pods in 50 namespaces (a tenth failing) and reports wall time and peak memory.
// Target: under 3 s. Usage: node bench/scan.mjs [namespaces] [podsPerNamespace] [runs]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [namespaces = '50', podsPerNamespace = '20', runs = '3'] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const cluster = spawn(join(root, 'node_modules/.bin/vite-node'), [join(root, 'bench/fake-cluster.ts'), namespaces, podsPerNamespace], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const kubeconfig = await new Promise((resolve, reject) => {
  createInterface({ input: cluster.stdout }).once('line', resolve);
  cluster.once('exit', (code) => reject(new Error(`fake cluster exited with ${code}`)));
});

const dir = await mkdtemp(join(tmpdir(), 'k8sdiag-bench-'));
const results = [];
try {
  for (let run = 0; run < Number(runs); run++) {
    const rssFile = join(dir, `rss-${run}`);
    const started = process.hrtime.bigint();
    const { code, stdout } = await new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', join(root, 'bench/rss-probe.mjs'), join(root, 'dist/cli/main.js'), 'scan', '-A', '--kubeconfig', kubeconfig, '--output', 'json', '--fail-on', 'never'],
        { cwd: root, env: { ...process.env, K8SDIAG_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk) => { out += chunk; });
      child.on('close', (exitCode) => resolve({ code: exitCode, stdout: out }));
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const peakMb = Number(await readFile(rssFile, 'utf8')) / 1024;
    const result = JSON.parse(stdout);
    results.push({ wallMs, peakMb });
    console.log(`run ${run + 1}: exit ${code}, ${result.podsScanned} pods scanned, ${result.entries.length} problems, ${wallMs.toFixed(0)} ms, peak RSS ${peakMb.toFixed(0)} MB`);
  }
} finally {
  cluster.kill('SIGTERM');
}
const sorted = results.map((r) => r.wallMs).sort((a, b) => a - b);
const best = sorted[0];
const median = sorted[Math.floor(sorted.length / 2)];
const peak = Math.max(...results.map((r) => r.peakMb));
console.log(`scan -A over ${Number(namespaces) * Number(podsPerNamespace)} pods in ${namespaces} namespaces: best ${best.toFixed(0)} ms, median ${median.toFixed(0)} ms (target < 3000 ms), peak RSS ${peak.toFixed(0)} MB ${median < 3000 ? 'PASS' : 'FAIL'}`);

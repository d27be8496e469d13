// Preloaded into the measured CLI process (node --import): reports its peak resident memory on exit.
import { writeFileSync } from 'node:fs';

const file = process.env.K8SDIAG_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));

// Child process for the resume test: a slow bench writing to a results file until it is killed.
import { loadScenarios } from '../../src/bench/load-scenarios.js';
import { runBench } from '../../src/bench/run-bench.js';
import { diagnose } from '../../src/pipeline/diagnose.js';

const [scenarioDir, resultsFile, delayText] = process.argv.slice(2);
const scenarios = await loadScenarios(scenarioDir ?? '');
await runBench({
  scenarios,
  techniques: ['rules', 'rag'],
  llm: { provider: null, route: 'auto' },
  repeat: 1,
  concurrency: 2,
  resultsFile: resultsFile ?? '',
  diagnoseCase: async (snapshot) => {
    await new Promise((resolve) => setTimeout(resolve, Number(delayText)));
    return diagnose(snapshot);
  },
});

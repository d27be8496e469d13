import { Option, type Command } from 'commander';
import { addGlobalFlags } from './global-flags.js';
import { runCommand } from './run-command.js';

/** `k8sdiag bench`: the numbers teams choose a technique and model from. */
export function registerBenchCommands(program: Command): void {
  addGlobalFlags(
    program
      .command('bench')
      .description('run labeled scenarios through each technique and score them (accuracy, evidence, calibration, latency, cost)')
      .option('--scenarios <dir>', 'scenario set: <dir>/<id>/{snapshot,label}.json', 'fixtures/scenarios')
      .option('--technique <ids...>', 'rules, zero-shot, one-shot, few-shot, rag, hyde, rag+rerank, fine-tuned (default: all)')
      .option('--model <model>', 'provider:model, or a model name with --llm <provider> (fine-tuned: your model)')
      .addOption(new Option('--route <route>', 'force the model route or let the router decide').choices(['simple', 'reasoning', 'auto']).default('auto'))
      .option('--repeat <n>', 'run each LLM technique n times and report mean and spread', '1')
      .option('--concurrency <n>', 'cases in flight at once', '4')
      .option('--resume <file>', 'JSONL results file: written as cases finish, and cases already in it are skipped')
      .option('--report <file.html>', 'write a self-contained HTML report with charts')
      .option('--compare <previous.json>', 'show the change per metric against an earlier `bench -o json`')
      .option('--docs <dir>', 'document corpus to retrieve from; its front matter defines the relevant docs for recall@k (default: the shipped docs-corpus)')
      .option('--k <n>', 'k for retrieval recall@k', '5')
      .option('--judge <provider:model>', 'grade explanation quality with an LLM judge (costs tokens)')
      .option('--rubric <file>', 'the judge rubric', 'bench/judge-rubric.md'),
    { withCluster: false, withFailOn: false, withColor: false },
  ).action(async (flags) => runCommand(() => import('./commands/bench.js'), flags, flags));
}

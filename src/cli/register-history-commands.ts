import type { Command } from 'commander';
import { addGlobalFlags, LOCAL_ONLY } from './global-flags.js';
import { runCommand } from './run-command.js';

/** The learning loop: `feedback`, `history list|show|export`, `finetune export|submit|status`. */
export function registerHistoryCommands(program: Command): void {
  addGlobalFlags(
    program
      .command('feedback')
      .description('rate a recorded investigation so future diagnoses and fine-tuning learn from it')
      .argument('<id>', 'investigation id (shown by diagnose and `k8sdiag history list`)')
      .requiredOption('--rating <1-5>', '5 = right and useful, 1 = wrong')
      .option('--note <text>', 'what actually fixed it')
      .option('--correct-category <category>', 'the right root-cause category when the answer was wrong'),
    LOCAL_ONLY,
  ).action(async (id: string, flags) => runCommand(() => import('./commands/feedback.js'), { ...flags, id }, flags));

  const history = program.command('history').description('past investigations recorded on this machine');
  addGlobalFlags(
    history.command('list', { isDefault: true }).description('most recent first')
      .option('--limit <n>', 'show at most n investigations')
      .option('--min-rating <1-5>', 'only investigations rated at least this'),
    LOCAL_ONLY,
  ).action(async (flags) => runCommand(() => import('./commands/history.js'), { ...flags, action: 'list' }, flags));
  addGlobalFlags(history.command('show').description('one investigation in full').argument('<id>', 'investigation id or a unique prefix'), LOCAL_ONLY)
    .action(async (id: string, flags) => runCommand(() => import('./commands/history.js'), { ...flags, action: 'show', id }, flags));
  addGlobalFlags(
    history.command('export').description('every investigation as JSON (redacted, as stored)').option('--min-rating <1-5>', 'only investigations rated at least this'),
    LOCAL_ONLY,
  ).action(async (flags) => runCommand(() => import('./commands/history.js'), { ...flags, action: 'export' }, flags));
  for (const command of history.commands) command.exitOverride();

  const finetune = program.command('finetune').description('fine-tuning data from scenarios and rated history, and hosted fine-tuning jobs');
  addGlobalFlags(
    finetune.command('export').description('write chat JSONL (train/validation), DATA_CARD.md and optionally an Ollama Modelfile')
      .option('--out <dir>', 'output directory', 'finetune-data')
      .option('--val-ratio <ratio>', 'share of each category held out for validation', '0.1')
      .option('--scenarios <dir>', 'labeled scenarios (default: fixtures/scenarios when present)')
      .option('--no-history', 'leave out rated investigations from the history')
      .option('--min-rating <1-5>', 'lowest history rating to include', '4')
      .option('--modelfile', 'also write an Ollama Modelfile for a LoRA adapter')
      .option('--base <model>', 'base model for the Modelfile FROM line', 'llama3.1'),
    LOCAL_ONLY,
  ).action(async (flags) => runCommand(() => import('./commands/finetune-export.js'), flags, flags));
  addGlobalFlags(
    finetune.command('submit').description('upload JSONL and start a hosted fine-tuning job')
      .option('--provider <name>', 'only openai has hosted fine-tuning here', 'openai')
      .requiredOption('--file <train.jsonl>', 'training file from `finetune export`')
      .option('--validation <val.jsonl>', 'validation file')
      .requiredOption('--model <base>', 'base model to fine-tune')
      .option('--suffix <text>', 'suffix for the fine-tuned model name'),
    { ...LOCAL_ONLY, withTimeout: true },
  ).action(async (flags) => runCommand(() => import('./commands/finetune-submit.js'), { ...flags, action: 'submit' }, flags));
  addGlobalFlags(
    finetune.command('status').description('show a fine-tuning job').argument('<job>', 'job id from `finetune submit`')
      .option('--provider <name>', 'provider of the job', 'openai'),
    { ...LOCAL_ONLY, withTimeout: true },
  ).action(async (job: string, flags) => runCommand(() => import('./commands/finetune-submit.js'), { ...flags, action: 'status', job }, flags));
  for (const command of finetune.commands) command.exitOverride();
}

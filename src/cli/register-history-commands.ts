import type { Command } from 'commander';
import { addGlobalFlags } from './global-flags.js';
import { runCommand } from './run-command.js';

/** The local investigation history: `feedback`, `history list|show|export`. */
export function registerHistoryCommands(program: Command): void {
  addGlobalFlags(
    program
      .command('feedback')
      .description('rate a recorded investigation so future diagnoses and fine-tuning learn from it')
      .argument('<id>', 'investigation id (shown by diagnose and `k8sdiag history list`)')
      .requiredOption('--rating <1-5>', '5 = right and useful, 1 = wrong')
      .option('--note <text>', 'what actually fixed it')
      .option('--correct-category <category>', 'the right root-cause category when the answer was wrong'),
    { withCluster: false },
  ).action(async (id: string, flags) => runCommand(() => import('./commands/feedback.js'), { ...flags, id }, flags));

  const history = program.command('history').description('past investigations recorded on this machine');
  addGlobalFlags(
    history.command('list', { isDefault: true }).description('most recent first')
      .option('--limit <n>', 'show at most n investigations')
      .option('--min-rating <1-5>', 'only investigations rated at least this'),
    { withCluster: false },
  ).action(async (flags) => runCommand(() => import('./commands/history.js'), { ...flags, action: 'list' }, flags));
  addGlobalFlags(history.command('show').description('one investigation in full').argument('<id>', 'investigation id or a unique prefix'), { withCluster: false })
    .action(async (id: string, flags) => runCommand(() => import('./commands/history.js'), { ...flags, action: 'show', id }, flags));
  addGlobalFlags(
    history.command('export').description('every investigation as JSON (redacted, as stored)').option('--min-rating <1-5>', 'only investigations rated at least this'),
    { withCluster: false },
  ).action(async (flags) => runCommand(() => import('./commands/history.js'), { ...flags, action: 'export' }, flags));
  for (const command of history.commands) command.exitOverride();
}

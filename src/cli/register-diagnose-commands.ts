import type { Command } from 'commander';
import { addDiagnosisFlags, addGlobalFlags, LOCAL_ONLY } from './global-flags.js';
import { runCommand } from './run-command.js';

/** Offline commands over saved data: `diagnose --from`, `detectors`. */
export function registerDiagnoseCommands(program: Command): void {
  addDiagnosisFlags(
    addGlobalFlags(
      program
        .command('diagnose')
        .description('diagnose a saved snapshot offline (no cluster needed)')
        .requiredOption('--from <file>', 'snapshot file written by `k8sdiag snapshot`'),
      { withCluster: false },
    ),
  ).action(async (flags) => runCommand(() => import('./commands/diagnose.js'), flags, flags));

  addGlobalFlags(program.command('detectors').description('list the rule-based detectors and their ids'), LOCAL_ONLY)
    .action(async (flags) => runCommand(() => import('./commands/detectors-list.js'), {}, flags));
}

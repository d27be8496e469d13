import { Command } from 'commander';
import { EXIT_CODES_HELP } from './help-text.js';
import { registerClusterCommands } from './register-cluster-commands.js';
import { registerDiagnoseCommands } from './register-diagnose-commands.js';
import { registerBenchCommands } from './register-bench-commands.js';
import { registerAskCommand } from './register-ask-command.js';
import { registerHistoryCommands } from './register-history-commands.js';
import { registerIndexCommands } from './register-index-commands.js';

/**
 * The command tree. Each register-*.ts file adds one group of commands; their actions
 * lazy-import the command module so `--help` never loads the kube client, SDKs or models.
 */
export function buildProgram(version: string): Command {
  const program = new Command('k8sdiag')
    .description('Tells why a Kubernetes workload is failing and what to change.')
    .version(version)
    .showSuggestionAfterError()
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride();
  program.configureOutput({ outputError: (text, write) => write(text.startsWith('error:') ? `k8sdiag: ${text}` : text) });

  registerClusterCommands(program);
  registerDiagnoseCommands(program);
  registerHistoryCommands(program);
  registerBenchCommands(program);
  registerIndexCommands(program);
  registerAskCommand(program);

  for (const command of program.commands) command.exitOverride();
  return program;
}

import { Option, type Command } from 'commander';
import { FAIL_ON, OUTPUT_FORMATS } from '../config/global-options.js';
import { addLlmFlags } from './llm-flags.js';

/** kubectl-style flags shared by every command; `withOutput: false` where -o means a file (snapshot). */
export function addGlobalFlags(command: Command, { withOutput = true, withCluster = true } = {}): Command {
  if (withCluster) {
    command
      .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
      .option('--context <name>', 'kubeconfig context to use');
  }
  if (withOutput) command.addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS));
  command
    .option('--no-color', 'disable colour (also NO_COLOR, or when stdout is not a terminal)')
    .option('-v, --verbose', 'show every finding, warnings, and routing details')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON))
    .option('--timeout <seconds>', 'time limit for cluster and LLM calls, in seconds')
    .option('--llm <provider>', 'none (default) | auto | openai | anthropic | ollama');
  return command;
}

/** Flags of the diagnosis-producing commands. */
export function addDiagnosisFlags(command: Command): Command {
  return addLlmFlags(command)
    .option('--detector <ids...>', 'run only these detectors (see `k8sdiag detectors`)')
    .option('--baseline <file>', 'previous --output json diagnosis: only new findings count for the exit code')
    .option('--ignore-file <file>', 'fingerprints to ignore for the exit code (default: ./.k8sdiagignore)')
    .option('--no-retrieval', 'skip documentation references')
    .option('--no-history', 'do not record this investigation or look up similar past ones');
}

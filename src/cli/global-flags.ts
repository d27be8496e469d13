import { Option, type Command } from 'commander';
import { FAIL_ON, OUTPUT_FORMATS } from '../config/global-options.js';
import { addLlmFlags } from './llm-flags.js';

/**
 * Which shared flags a command lists. Each command registers only the ones it acts on, so `--help`
 * never offers a flag that does nothing there (`--fail-on` on `history`, `--llm` on `snapshot`).
 */
export interface GlobalFlagChoice {
  /** `-o text|json|markdown`; off where -o names a file (snapshot). */
  withOutput?: boolean;
  /** `--kubeconfig`, `--context`. */
  withCluster?: boolean;
  /** `--fail-on`: only where findings decide the exit code. */
  withFailOn?: boolean;
  /** `--timeout`: only where the command waits on the cluster or an LLM. */
  withTimeout?: boolean;
  /** `--llm`: only where an LLM can be called. */
  withLlm?: boolean;
  /** `--no-color` listed where output is coloured; elsewhere still accepted (scripts pass it everywhere) but hidden. */
  withColor?: boolean;
}

export function addGlobalFlags(
  command: Command,
  { withOutput = true, withCluster = true, withFailOn = true, withTimeout = true, withLlm = true, withColor = true }: GlobalFlagChoice = {},
): Command {
  if (withCluster) {
    command
      .option('--kubeconfig <path>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
      .option('--context <name>', 'kubeconfig context to use');
  }
  if (withOutput) command.addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS));
  const noColor = new Option('--no-color', 'disable colour (also NO_COLOR, or when stdout is not a terminal)');
  command.addOption(withColor ? noColor : noColor.hideHelp());
  // -v also turns an internal error's one-liner into a stack trace (main.ts), so every command takes it.
  command.option('-v, --verbose', 'show every finding, warnings, and routing details');
  if (withFailOn) command.addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON));
  if (withTimeout) command.option('--timeout <seconds>', 'time limit for cluster and LLM calls, in seconds');
  if (withLlm) command.option('--llm <provider>', 'none (default) | auto | openai | anthropic | ollama');
  return command;
}

/** The flags of a command that only reads or writes local data: no cluster, no LLM, no findings. */
export const LOCAL_ONLY: GlobalFlagChoice = { withCluster: false, withFailOn: false, withTimeout: false, withLlm: false, withColor: false };

/** Flags that decide which findings exist and which count for the exit code (diagnosis commands and scan). */
export function addFindingFlags(command: Command): Command {
  return command
    .option('--detector <ids...>', 'run only these detectors (see `k8sdiag detectors`)')
    .option('--baseline <file>', 'previous --output json (diagnosis or scan): only new findings count for the exit code')
    .option('--ignore-file <file>', 'fingerprints to ignore for the exit code (default: ./.k8sdiagignore)');
}

/** Flags of the diagnosis-producing commands. */
export function addDiagnosisFlags(command: Command): Command {
  return addFindingFlags(addLlmFlags(command))
    .option('--no-retrieval', 'skip documentation references')
    .option('--no-history', 'do not record this investigation or look up similar past ones');
}

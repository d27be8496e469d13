import type { Command } from 'commander';
import { addGlobalFlags } from './global-flags.js';
import { addLlmFlags } from './llm-flags.js';
import { runCommand } from './run-command.js';

/** `k8sdiag ask "<question>"`: diagnosis, live state or knowledge, decided from the question. */
export function registerAskCommand(program: Command): void {
  addLlmFlags(
    addGlobalFlags(
      program
        .command('ask')
        .description('ask a free-text question: "why is web-7d9f in shop crashing?", "how many pods are running in hr?", "what does CrashLoopBackOff mean?"')
        .argument('<question>', 'the question, in quotes')
        .option('-n, --namespace <name>', 'namespace for a target or a live-state question'),
    ),
  ).action(async (question: string, flags: Record<string, unknown>) => runCommand(() => import('./commands/ask.js'), { ...flags, question }, flags));
}

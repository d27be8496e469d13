import type { Command } from 'commander';
import { addDiagnosisFlags, addFindingFlags, addGlobalFlags } from './global-flags.js';
import { runCommand } from './run-command.js';

/** Live commands that read the cluster: pod, deploy, workload, snapshot, scan. */
export function registerClusterCommands(program: Command): void {
  const namespaced = (command: Command) => command.option('-n, --namespace <namespace>', 'namespace (default: the context\'s, else "default")');

  addDiagnosisFlags(addGlobalFlags(namespaced(program
    .command('pod')
    .description('diagnose one pod: k8sdiag pod <namespace>/<name> (or <name> -n <namespace>)')
    .argument('<target>', '<namespace>/<name> or <name>'))))
    .action(async (target: string, flags) => runCommand(() => import('./commands/pod.js'), { ...flags, target }, flags));

  addDiagnosisFlags(addGlobalFlags(namespaced(program
    .command('deploy')
    .alias('deployment')
    .description('diagnose a Deployment, its ReplicaSets and pods: k8sdiag deploy <namespace>/<name>')
    .argument('<target>', '<namespace>/<name> or <name>'))))
    .action(async (target: string, flags) => runCommand(() => import('./commands/deploy.js'), { ...flags, target }, flags));

  addDiagnosisFlags(addGlobalFlags(namespaced(program
    .command('workload')
    .description('diagnose a StatefulSet, DaemonSet or Job (any kind): k8sdiag workload statefulset/db -n shop')
    .argument('<target>', '<kind>/<name> or <namespace>/<kind>/<name>'))))
    .action(async (target: string, flags) => runCommand(() => import('./commands/workload.js'), { ...flags, target }, flags));

  addGlobalFlags(namespaced(program
    .command('snapshot')
    .description('collect and save a snapshot for offline replay: k8sdiag snapshot pod|deploy|workload <target> -o file.json')
    .argument('<type>', 'pod, deploy or workload')
    .argument('<target>', '<namespace>/<name> (workload: <kind>/<name>)')
    .requiredOption('-o, --output <file>', 'file to write (JSON)')
    .option('--force', 'overwrite the file if it exists')), { withOutput: false, withFailOn: false, withLlm: false, withColor: false })
    .action(async (type: string, target: string, flags: Record<string, unknown>) => {
      const { output, ...globalFlags } = flags;
      await runCommand(() => import('./commands/snapshot.js'), { ...flags, type, target, output: output as string }, globalFlags);
    });

  // scan runs the rules only (no LLM, no references, no history), so it takes none of those flags.
  addFindingFlags(addGlobalFlags(namespaced(program
    .command('scan')
    .description('find every unhealthy pod and workload in scope, one line each: k8sdiag scan [-n <namespace> | -A]')
    .option('-A, --all-namespaces', 'scan every namespace')), { withLlm: false, withColor: false }))
    .action(async (flags) => runCommand(() => import('./commands/scan.js'), flags, flags));
}

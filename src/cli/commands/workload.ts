import type { CommandIo, GlobalOptions } from '../command-context.js';
import { collectForCommand } from '../collect-for-command.js';
import { parseKindTarget } from '../parse-target.js';
import { printDiagnosis, type PrintDiagnosisExtra } from '../print-diagnosis.js';

export interface WorkloadArgs extends PrintDiagnosisExtra {
  /** `statefulset/db`, `daemonset/agent`, `job/migrate` (also `deployment/web`, `pod/x`). */
  target: string;
  namespace?: string;
}

/** `k8sdiag workload <kind>/<name>`: any supported kind, kubectl style. */
export async function run(args: WorkloadArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const snapshot = await collectForCommand(parseKindTarget(args.target, args.namespace), globals, io);
  return printDiagnosis(snapshot, globals, io, args);
}

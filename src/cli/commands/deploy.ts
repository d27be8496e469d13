import type { CommandIo, GlobalOptions } from '../command-context.js';
import { collectForCommand } from '../collect-for-command.js';
import { parseNamedTarget } from '../parse-target.js';
import { printDiagnosis, type PrintDiagnosisExtra } from '../print-diagnosis.js';

export interface DeployArgs extends PrintDiagnosisExtra {
  target: string;
  namespace?: string;
}

/** `k8sdiag deploy <ns>/<name>`: the Deployment, its ReplicaSets and pods, then diagnose. */
export async function run(args: DeployArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const snapshot = await collectForCommand(parseNamedTarget('Deployment', args.target, args.namespace), globals, io);
  return printDiagnosis(snapshot, globals, io, args);
}

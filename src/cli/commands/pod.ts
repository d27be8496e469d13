import type { CommandIo, GlobalOptions } from '../command-context.js';
import { collectForCommand } from '../collect-for-command.js';
import { parseNamedTarget } from '../parse-target.js';
import { printDiagnosis, type PrintDiagnosisExtra } from '../print-diagnosis.js';

export interface PodArgs extends PrintDiagnosisExtra {
  target: string;
  namespace?: string;
}

/** `k8sdiag pod <ns>/<name>`: collect the pod and what explains it, then diagnose. */
export async function run(args: PodArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const snapshot = await collectForCommand(parseNamedTarget('Pod', args.target, args.namespace), globals, io);
  return printDiagnosis(snapshot, globals, io, args);
}

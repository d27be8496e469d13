import type { CommandIo, GlobalOptions } from '../command-context.js';
import { collectForCommand } from '../collect-for-command.js';
import { parseNamedTarget } from '../parse-target.js';
import { detectorIdsFromFlag, type DetectorFlag } from '../detector-flag.js';
import { printDiagnosis, type PrintDiagnosisExtra } from '../print-diagnosis.js';

export interface DeployArgs extends PrintDiagnosisExtra, DetectorFlag {
  target: string;
  namespace?: string;
}

/** `k8sdiag deploy <ns>/<name>`: the Deployment, its ReplicaSets and pods, then diagnose. */
export async function run(args: DeployArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  // Flags are checked before the cluster round trip.
  const detectors = detectorIdsFromFlag(args);
  const snapshot = await collectForCommand(parseNamedTarget('Deployment', args.target, args.namespace), globals, io);
  return printDiagnosis(snapshot, globals, io, { ...args, ...detectors });
}

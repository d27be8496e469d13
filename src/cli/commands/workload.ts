import type { CommandIo, GlobalOptions } from '../command-context.js';
import { collectForCommand } from '../collect-for-command.js';
import { parseKindTarget } from '../parse-target.js';
import { detectorIdsFromFlag, type DetectorFlag } from '../detector-flag.js';
import { printDiagnosis, type PrintDiagnosisExtra } from '../print-diagnosis.js';

export interface WorkloadArgs extends PrintDiagnosisExtra, DetectorFlag {
  /** `statefulset/db`, `daemonset/agent`, `job/migrate` (also `deployment/web`, `pod/x`). */
  target: string;
  namespace?: string;
}

/** `k8sdiag workload <kind>/<name>`: any supported kind, kubectl style. */
export async function run(args: WorkloadArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  // Flags are checked before the cluster round trip.
  const detectors = detectorIdsFromFlag(args);
  const snapshot = await collectForCommand(parseKindTarget(args.target, args.namespace), globals, io);
  return printDiagnosis(snapshot, globals, io, { ...args, ...detectors });
}

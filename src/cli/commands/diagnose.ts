import { readSnapshot } from '../../collect/read-snapshot.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';
import { detectorIdsFromFlag, type DetectorFlag } from '../detector-flag.js';
import { printDiagnosis, type PrintDiagnosisExtra } from '../print-diagnosis.js';

export interface DiagnoseArgs extends PrintDiagnosisExtra, DetectorFlag {
  from: string;
}

/** `k8sdiag diagnose --from file.json`: replays a saved snapshot offline. */
export async function run(args: DiagnoseArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const detectors = detectorIdsFromFlag(args);
  const snapshot = await readSnapshot(args.from);
  return printDiagnosis(snapshot, globals, io, { ...args, ...detectors });
}

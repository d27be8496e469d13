import type { Snapshot } from '../domain/snapshot.js';
import { diagnose, type DiagnoseDeps } from '../pipeline/diagnose.js';
import { renderDiagnosis } from '../render/renderers.js';
import type { CommandIo, GlobalOptions } from './command-context.js';
import { exitCodeFor } from './exit-code-for.js';
import { loadSuppressions, type SuppressionFlags } from './load-suppressions.js';

export interface PrintDiagnosisExtra extends SuppressionFlags {
  detectorIds?: string[];
  deps?: DiagnoseDeps;
}

/** Shared tail of every diagnosing command: diagnose, render in the chosen format, pick the exit code. */
export async function printDiagnosis(snapshot: Snapshot, globals: GlobalOptions, io: CommandIo, extra: PrintDiagnosisExtra = {}): Promise<number> {
  const { diagnosis } = await diagnose(snapshot, extra.deps ?? {}, {
    ...(extra.detectorIds ? { detectorIds: extra.detectorIds } : {}),
  });
  io.out(renderDiagnosis(diagnosis, globals.output, { color: globals.color, verbose: globals.verbose }));
  const suppress = await loadSuppressions(extra, io);
  const counted = suppress(diagnosis.findings);
  if (counted.length < diagnosis.findings.length && globals.output === 'text') {
    io.err(`${diagnosis.findings.length - counted.length} known finding(s) ignored for the exit code (baseline/.k8sdiagignore)\n`);
  }
  return exitCodeFor(counted, globals.failOn);
}

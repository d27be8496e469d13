import { UsageError } from '../../domain/errors.js';
import type { Finding } from '../../domain/diagnosis.js';
import { diagnose, type DiagnoseDeps } from '../../pipeline/diagnose.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';
import { clusterOptions, progressLine } from '../collect-for-command.js';
import { exitCodeFor } from '../exit-code-for.js';
import { detectorIdsFromFlag, type DetectorFlag } from '../detector-flag.js';
import { loadSuppressions, type SuppressionFlags } from '../load-suppressions.js';
import { scanEntry, scanLine, type ScanEntry } from '../scan-entry.js';
import { targetPath } from '../../render/describe-target.js';

export interface ScanArgs extends SuppressionFlags, DetectorFlag {
  namespace?: string;
  allNamespaces?: boolean;
  /** Injected detectors etc., as for printDiagnosis; the real registry otherwise. */
  deps?: DiagnoseDeps;
}

/** `k8sdiag scan [-n ns | -A]`: every unhealthy workload or pod in scope, one line each. */
export async function run(args: ScanArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  if (args.allNamespaces && args.namespace) throw new UsageError('use either -n <namespace> or -A, not both');
  // Flags, the ignore file and the baseline are checked first: a typo fails before a long scan, not after its output.
  const detectors = detectorIdsFromFlag(args, args.deps?.detectors);
  const suppress = await loadSuppressions(args, io);
  const { scanCluster } = await import('../../collect/scan-cluster.js');
  const progress = progressLine(io);
  let result;
  try {
    result = await scanCluster(
      { allNamespaces: args.allNamespaces ?? false, ...(args.namespace ? { namespace: args.namespace } : {}) },
      clusterOptions(globals, io),
      progress.update,
    );
  } finally {
    progress.done();
  }

  const entries: ScanEntry[] = [];
  const findings: Finding[] = [];
  for (const { group, snapshot } of result.entries) {
    const { diagnosis } = await diagnose(snapshot, args.deps ?? {}, detectors);
    // Triage only picks candidates; a diagnosis that finds nothing wrong is not reported.
    if (diagnosis.status === 'healthy') continue;
    entries.push(scanEntry(diagnosis, group.failingPods));
    findings.push(...diagnosis.findings);
  }
  const unique = [...new Map(entries.map((entry) => [entry.fingerprint, entry])).values()];

  if (globals.output === 'json') {
    io.out(`${JSON.stringify({ apiVersion: 'k8sdiag/v1', kind: 'ScanResult', scope: result.scope, podsScanned: result.podsSeen, entries: unique, collectionErrors: result.errors }, null, 2)}\n`);
  } else if (globals.output === 'markdown') {
    const rows = unique.map((e) => `| \`${targetPath(e.target)}\` | ${e.category} | ${e.cause.replace(/\|/g, '\\|')} | \`${e.fingerprint}\` |`);
    io.out(`### k8sdiag scan: ${result.scope}\n\n${unique.length === 0 ? `No problems found in ${result.podsSeen} pods.\n` : `| target | category | cause | fingerprint |\n|---|---|---|---|\n${rows.join('\n')}\n`}`);
  } else {
    for (const entry of unique) io.out(`${scanLine(entry)}\n`);
    io.out(`${unique.length} problem(s) in ${result.podsSeen} pods (${result.scope})\n`);
    for (const error of result.errors) io.err(`could not read ${error.what}: ${error.reason}\n`);
  }
  return exitCodeFor(suppress(findings), globals.failOn);
}

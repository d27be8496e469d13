import type { Snapshot } from '../domain/snapshot.js';
import { diagnose, type DiagnoseDeps } from '../pipeline/diagnose.js';
import { renderDiagnosis } from '../render/renderers.js';
import type { CommandIo, GlobalOptions } from './command-context.js';
import { exitCodeFor } from './exit-code-for.js';
import { loadSuppressions, type SuppressionFlags } from './load-suppressions.js';
import { printLlmDetails, setupLlm } from './llm-flags.js';
import type { LlmFlags } from '../config/llm-config.js';

export interface PrintDiagnosisExtra extends SuppressionFlags, LlmFlags {
  detectorIds?: string[];
  deps?: DiagnoseDeps;
}

/** Shared tail of every diagnosing command: diagnose, render in the chosen format, pick the exit code. */
export async function printDiagnosis(snapshot: Snapshot, globals: GlobalOptions, io: CommandIo, extra: PrintDiagnosisExtra = {}): Promise<number> {
  // Read the ignore file and baseline first: a bad one is a usage error before anything is printed.
  const suppress = await loadSuppressions(extra, io);
  // The LLM stage is set up here from --llm/--model/... unless the caller (ask) already did.
  const llm = extra.deps?.llm ? undefined : await setupLlm(extra, globals, io);
  const deps = { ...extra.deps, ...(llm?.deps ? { llm: llm.deps } : {}) };
  const result = await diagnose(snapshot, deps, {
    ...(extra.detectorIds ? { detectorIds: extra.detectorIds } : {}),
  });
  const { diagnosis } = result;
  if (deps.llm && printLlmDetails(result, { showPrompt: deps.llm.settings.showPrompt, showThinking: llm?.config.showThinking ?? extra.showThinking === true }, globals, io)) return 0;
  io.out(renderDiagnosis(diagnosis, globals.output, { color: globals.color, verbose: globals.verbose }));
  const counted = suppress(diagnosis.findings);
  if (counted.length < diagnosis.findings.length && globals.output === 'text') {
    io.err(`${diagnosis.findings.length - counted.length} known finding(s) ignored for the exit code (baseline/.k8sdiagignore)\n`);
  }
  return exitCodeFor(counted, globals.failOn);
}

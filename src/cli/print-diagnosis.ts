import type { Diagnosis } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { diagnose, type DiagnoseDeps } from '../pipeline/diagnose.js';
import { renderDiagnosis } from '../render/renderers.js';
import type { CommandIo, GlobalOptions } from './command-context.js';
import { exitCodeFor } from './exit-code-for.js';
import { loadSuppressions, type SuppressionFlags } from './load-suppressions.js';
import { printLlmDetails, setupLlm } from './llm-flags.js';
import type { LlmFlags } from '../config/llm-config.js';
import { defaultRetriever } from './default-retriever.js';
import { openHistorySession } from './history-session.js';

export interface PrintDiagnosisExtra extends SuppressionFlags, LlmFlags {
  detectorIds?: string[];
  deps?: DiagnoseDeps;
  /** `--no-retrieval` sets false. */
  retrieval?: boolean;
  /** `--no-history` sets false. */
  history?: boolean;
}

/** Shared tail of every diagnosing command: diagnose, render in the chosen format, pick the exit code. */
export async function printDiagnosis(snapshot: Snapshot, globals: GlobalOptions, io: CommandIo, extra: PrintDiagnosisExtra = {}): Promise<number> {
  // Read the ignore file and baseline first: a bad one is a usage error before anything is printed.
  const suppress = await loadSuppressions(extra, io);
  // The LLM stage is set up here from --llm/--model/... unless the caller (ask) already did.
  const llm = extra.deps?.llm ? undefined : await setupLlm(extra, globals, io);
  const history = extra.history === false ? undefined : openHistorySession(io);
  try {
    const deps: DiagnoseDeps = {
      ...(extra.retrieval === false ? {} : { retriever: defaultRetriever(io, {}, (line) => retrievalNotice(line, globals, io)) }),
      ...(history ? { history: (findings) => history.similarLines(findings) } : {}),
      ...extra.deps,
      ...(llm?.deps ? { llm: llm.deps } : {}),
    };
    const result = await diagnose(snapshot, deps, {
      ...(extra.detectorIds ? { detectorIds: extra.detectorIds } : {}),
    });
    // Cancelled mid-run: print nothing half-done; main.ts reports it and exits 130.
    io.signal?.throwIfAborted();
    const { diagnosis } = result;
    if (extra.showPrompt && !deps.llm) io.err('k8sdiag: --show-prompt: no LLM is configured (--llm none), so nothing would be sent; pass --llm <provider> to see the prompt\n');
    if (deps.llm && printLlmDetails(result, { showPrompt: deps.llm.settings.showPrompt, showThinking: llm?.config.showThinking ?? extra.showThinking === true }, globals, io)) return 0;
    io.out(renderDiagnosis(diagnosis, globals.output, { color: globals.color, verbose: globals.verbose }));
    const recorded = history ? await history.record(diagnosis, snapshot) : undefined;
    if (recorded && globals.output === 'text') {
      if (recorded.seenBefore) io.out(`${recorded.seenBefore}\n`);
      if (recorded.id) io.out(`recorded as ${recorded.id} (rate it: k8sdiag feedback ${recorded.id} --rating 1-5)\n`);
    }
    return finish(diagnosis.findings);
  } finally {
    history?.close();
  }

  function finish(findings: Diagnosis['findings']): number {
    const counted = suppress(findings);
    if (counted.length < findings.length && globals.output === 'text') {
      io.err(`${findings.length - counted.length} known finding(s) ignored for the exit code (baseline/.k8sdiagignore)\n`);
    }
    return exitCodeFor(counted, globals.failOn);
  }
}

/** Index building is progress (terminal only); the lexical fallback notice is for -v, not every run. */
function retrievalNotice(line: string, globals: GlobalOptions, io: CommandIo): void {
  if (globals.verbose || (io.stderrIsTty && line.startsWith('index built'))) io.err(`k8sdiag: ${line}\n`);
}

import type { Detector } from '../detector.js';
import { previousLogsFix } from '../fix-commands.js';
import { logEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { exitCodeMeaning } from '../parse/exit-code-meaning.js';
import { findLogSignature, lastErrorLines } from '../parse/log-signatures.js';
import { logFor } from '../../domain/snapshot-view.js';
import { activePods, isNativeSidecar } from '../pod-facts.js';

const id = 'init-container-failure';

/**
 * An init container that ran and failed (Init:Error, Init:CrashLoopBackOff): the app
 * containers never start. The init container's own log usually says why, so quote it.
 */
export const initContainerFailure: Detector = {
  id,
  description: 'Init containers that exit non-zero or crash-loop, so the main containers never start.',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) =>
      (pod.status?.initContainerStatuses ?? []).flatMap((status) => {
        if (isNativeSidecar(pod, status.name)) return [];
        const crashLooping = status.state?.waiting?.reason === 'CrashLoopBackOff';
        const terminated = status.state?.terminated && status.state.terminated.exitCode !== 0 ? status.state.terminated : crashLooping ? status.lastState?.terminated : undefined;
        if (!terminated || terminated.exitCode === 0) return [];
        if (terminated.reason === 'OOMKilled' || terminated.reason === 'StartError') return [];
        const meaning = exitCodeMeaning(terminated.exitCode, terminated.reason);
        const logs = [logFor(snapshot, pod.metadata.name, status.name, true), logFor(snapshot, pod.metadata.name, status.name, false)];
        let signature: { line: string; previous: boolean } | undefined;
        for (const [index, log] of logs.entries()) {
          const found = log ? findLogSignature(log.text) : undefined;
          if (found) {
            signature = { line: found.line, previous: index === 0 };
            break;
          }
        }
        // The last line is often the most specific one (Flyway, shell scripts print the detail after the error).
        const tail = lastErrorLines(logs.find((l) => l?.text.trim())?.text ?? '').filter((l) => l !== signature?.line);
        const lastLine = tail.join(' / ') || undefined;
        const shown = crashLooping ? 'Init:CrashLoopBackOff' : 'Init:Error';
        return [
          makeFinding({
            snapshot, subject: pod, detector: id, category: 'init-container-failure', severity: 'critical', container: status.name,
            title: `Init container ${status.name} fails (${shown}, exit code ${terminated.exitCode})`,
            rootCause: `Init container ${status.name} of pod ${pod.metadata.name} exits with code ${terminated.exitCode}${signature ? `: "${signature.line}"${lastLine && lastLine !== signature.line ? ` / "${lastLine.slice(0, 200)}"` : ''}` : lastLine ? `; its log says "${lastLine.slice(0, 300)}"` : ` (${meaning.meaning})`}, so the app containers never start.`,
            evidence: [
              statusEvidence(pod, status.name, `Init container ${status.name}: ${crashLooping ? 'Waiting, Reason: CrashLoopBackOff, ' : ''}${crashLooping ? 'Last State' : 'State'}: Terminated, Reason: ${terminated.reason ?? 'Error'}, Exit Code: ${terminated.exitCode}, Restart Count: ${status.restartCount}`),
              ...(signature ? [logEvidence(pod, status.name, signature.previous, signature.line)] : []),
              ...(lastLine && lastLine !== signature?.line ? [logEvidence(pod, status.name, signature?.previous ?? true, lastLine.slice(0, 400))] : []),
              statusEvidence(pod, null, `Pod status: Init:${crashLooping ? 'CrashLoopBackOff' : 'Error'}; app containers waiting in PodInitializing`),
            ],
            fixes: [
              previousLogsFix(pod, status.name),
              { description: `Fix what init container ${status.name} waits for or runs (a dependency it checks, a migration, a missing file), then the pod starts by itself` },
            ],
            confidence: signature ? 0.9 : 0.8,
            key: 'init',
          }),
        ];
      }),
    );
  },
};

import type { Detector } from '../detector.js';
import { describePodFix, previousLogsFix } from '../fix-commands.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { exitCodeMeaning } from '../parse/exit-code-meaning.js';
import { activePods, isInitContainer, podEvents, warningEvents } from '../pod-facts.js';
import { unreadableCrash } from '../unreadable-crash.js';

const id = 'crash-loop-back-off';

/**
 * The generic "keeps crashing" finding. It names what the exit code says; more specific
 * detectors (OOM, logs, probes, command errors) outrank it in the resolver.
 */
export const crashLoopBackOff: Detector = {
  id,
  description: 'Containers waiting in CrashLoopBackOff, explained by their last exit code.',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) =>
      (pod.status?.containerStatuses ?? []).flatMap((status) => {
        const waiting = status.state?.waiting;
        if (waiting?.reason !== 'CrashLoopBackOff' || isInitContainer(pod, status.name)) return [];
        const last = status.lastState?.terminated;
        if (last?.reason === 'OOMKilled') return [];
        const meaning = last ? exitCodeMeaning(last.exitCode, last.reason) : undefined;
        const backOff = warningEvents(podEvents(snapshot, pod, status.name), 'BackOff').find((e) => /restarting failed container/i.test(e.message ?? ''));
        const blind = unreadableCrash(snapshot, pod, status.name, meaning, last?.exitCode);
        const category = blind?.category ?? meaning?.category ?? 'app-crash';
        return [
          makeFinding({
            snapshot,
            subject: pod,
            detector: id,
            category,
            severity: 'critical',
            container: status.name,
            title: `Container ${status.name} is in CrashLoopBackOff${last ? ` (exit code ${last.exitCode})` : ''}${blind ? ' and its logs could not be read' : ''}`,
            rootCause: blind?.rootCause ?? `Container ${status.name} in pod ${pod.metadata.name} keeps exiting${last ? ` with code ${last.exitCode}: ${meaning?.meaning}` : ''}; it has restarted ${status.restartCount} times.`,
            evidence: [
              statusEvidence(pod, status.name, `State: Waiting, Reason: CrashLoopBackOff${waiting.message ? ` (${waiting.message})` : ''}, Restart Count: ${status.restartCount}`),
              ...(last ? [statusEvidence(pod, status.name, `Last State: Terminated, Reason: ${last.reason ?? 'Error'}, Exit Code: ${last.exitCode}${last.message ? `, Message: ${last.message}` : ''}`)] : []),
              ...(backOff ? [eventEvidence(snapshot, backOff)] : []),
              ...(blind ? [blind.evidence] : []),
            ],
            fixes: blind ? [...blind.fixes, describePodFix(pod)] : [previousLogsFix(pod, status.name), describePodFix(pod)],
            confidence: meaning && !meaning.generic ? 0.75 : 0.45,
            key: `exit-${category}`,
          }),
        ];
      }),
    );
  },
};

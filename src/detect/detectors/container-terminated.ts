import type { Finding } from '../../domain/diagnosis.js';
import type { Detector } from '../detector.js';
import { previousLogsFix } from '../fix-commands.js';
import { makeFinding, statusEvidence } from '../make-finding.js';
import { exitCodeMeaning } from '../parse/exit-code-meaning.js';
import { activePods, humanDuration, isInitContainer, minutesBefore } from '../pod-facts.js';
import { unreadableCrash } from '../unreadable-crash.js';

const id = 'container-terminated';

// Restarts older than this on a container that is running and ready again are history, not a problem.
const STALE_MINUTES = 60;

/**
 * Non-zero terminations that are not a CrashLoopBackOff (handled there), an OOM kill or a
 * start error: containers that restart now and then, and run-once pods that failed.
 */
export const containerTerminated: Detector = {
  id,
  description: 'Containers that exited non-zero recently (exit code meaning, restart rate), and old restarts that no longer matter.',
  detect(snapshot) {
    const findings: Finding[] = [];
    for (const pod of activePods(snapshot)) {
      // An evicted pod's containers were stopped by the kubelet; their exit code is the eviction's, not the app's.
      if (pod.status?.reason === 'Evicted') continue;
      for (const status of pod.status?.containerStatuses ?? []) {
        if (isInitContainer(pod, status.name) || status.state?.waiting?.reason === 'CrashLoopBackOff') continue;
        const current = status.state?.terminated;
        const terminated = current && current.exitCode !== 0 ? current : status.lastState?.terminated;
        if (!terminated || terminated.exitCode === 0) continue;
        if (terminated.reason === 'OOMKilled' || terminated.reason === 'StartError' || terminated.reason === 'ContainerCannotRun') continue;
        const meaning = exitCodeMeaning(terminated.exitCode, terminated.reason);
        const ago = minutesBefore(snapshot, terminated.finishedAt);
        const healthyNow = !current && status.ready && !!status.state?.running;
        const stale = healthyNow && ago !== undefined && ago > STALE_MINUTES;
        const podAgeHours = Math.max((minutesBefore(snapshot, pod.metadata.creationTimestamp) ?? 60) / 60, 1 / 60);
        const rate = status.restartCount / podAgeHours;
        const evidence = [
          statusEvidence(pod, status.name, `${current ? 'State' : 'Last State'}: Terminated, Reason: ${terminated.reason ?? 'Error'}, Exit Code: ${terminated.exitCode}${terminated.finishedAt ? `, Finished: ${terminated.finishedAt}` : ''}`),
          statusEvidence(pod, status.name, `Restart Count: ${status.restartCount} (${rate >= 1 ? `${rate.toFixed(1)}/hour` : `over ${humanDuration(podAgeHours * 60)}`}), Ready: ${status.ready}`),
        ];
        if (stale) {
          findings.push(makeFinding({
            snapshot, subject: pod, detector: id, category: meaning.category, severity: 'info', container: status.name,
            title: `Container ${status.name} restarted in the past but has been running and ready since`,
            rootCause: `Container ${status.name} last exited with code ${terminated.exitCode} ${humanDuration(ago ?? 0)} ago and has been running and ready since; no action needed unless it recurs.`,
            evidence, fixes: [], confidence: 0.3, key: 'old-restarts',
          }));
          continue;
        }
        const blind = unreadableCrash(snapshot, pod, status.name, meaning, terminated.exitCode);
        findings.push(makeFinding({
          snapshot, subject: pod, detector: id, category: blind?.category ?? meaning.category,
          severity: current || pod.status?.phase === 'Failed' || !status.ready ? 'critical' : 'warning',
          container: status.name,
          title: `Container ${status.name} ${current ? 'exited' : 'restarted after exiting'} with code ${terminated.exitCode}`,
          rootCause: blind?.rootCause ?? `Container ${status.name} in pod ${pod.metadata.name} exited with code ${terminated.exitCode} (${meaning.meaning})${status.restartCount ? `, ${status.restartCount} restarts so far` : ''}.`,
          evidence: blind ? [...evidence, blind.evidence] : evidence, fixes: blind?.fixes ?? [previousLogsFix(pod, status.name)], confidence: meaning.generic ? 0.4 : 0.7, key: `exit-${blind?.category ?? meaning.category}`,
        }));
      }
    }
    return findings;
  },
};

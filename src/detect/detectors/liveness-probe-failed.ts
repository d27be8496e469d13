import type { Finding } from '../../domain/diagnosis.js';
import { logFor, snapshotTime, eventLastSeen } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { containerPatchFix, previousLogsFix } from '../fix-commands.js';
import { probeByHand, probeFixes } from '../probe-fixes.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { initialDelayTooShort, probePortMismatch, startupSecondsFromLog } from '../parse/probe-checks.js';
import { activePods, cleanMessage, containerSpec, podEvents, warningEvents } from '../pod-facts.js';

const id = 'liveness-probe-failed';
const RECENT_MS = 60 * 60_000;

/** The kubelet restarts containers whose liveness or startup probe fails (`Unhealthy`, then `Killing ... failed liveness probe`). */
export const livenessProbeFailed: Detector = {
  id,
  description: 'Liveness/startup probe failures that make the kubelet restart a container, with port and initialDelay checks.',
  detect(snapshot) {
    const findings: Finding[] = [];
    const now = snapshotTime(snapshot);
    for (const pod of activePods(snapshot)) {
      for (const status of pod.status?.containerStatuses ?? []) {
        const events = podEvents(snapshot, pod, status.name).filter((e) => now - eventLastSeen(e) < RECENT_MS);
        const unhealthy = warningEvents(events, 'Unhealthy').filter((e) => /^(Liveness|Startup) probe (failed|errored)/.test(e.message ?? ''));
        const kills = events.filter((e) => e.reason === 'Killing' && /failed (liveness|startup) probe/.test(e.message ?? ''));
        if (unhealthy.length === 0 && kills.length === 0) continue;
        const restarted = status.restartCount > 0 || kills.length > 0;
        if (!restarted) continue;
        const spec = containerSpec(pod, status.name);
        const startup = /^Startup/.test(unhealthy[0]?.message ?? '') || kills.some((k) => /startup/.test(k.message ?? ''));
        const field = startup ? 'startupProbe' : 'livenessProbe';
        const probe = startup ? spec?.startupProbe : spec?.livenessProbe;
        const log = logFor(snapshot, pod.metadata.name, status.name, true) ?? logFor(snapshot, pod.metadata.name, status.name, false);
        const problems = spec && probe
          ? [probePortMismatch(spec, probe, field), initialDelayTooShort(probe, field, log ? startupSecondsFromLog(log.text) : undefined)].filter((p) => p !== undefined)
          : [];
        const last = status.lastState?.terminated;
        const failure = cleanMessage(unhealthy[0]?.message ?? '');
        findings.push(makeFinding({
          snapshot, subject: pod, detector: id, category: 'liveness-probe-failure', severity: 'critical', container: status.name,
          title: `Container ${status.name} is restarted because its ${startup ? 'startup' : 'liveness'} probe fails`,
          rootCause: `The kubelet restarts container ${status.name} in pod ${pod.metadata.name} because its ${startup ? 'startup' : 'liveness'} probe fails${failure ? ` (${failure})` : ''}${problems[0] ? `: ${problems[0].text}` : ''}.`,
          evidence: [
            ...unhealthy.slice(0, 1).map((e) => eventEvidence(snapshot, e)),
            ...kills.slice(0, 1).map((e) => eventEvidence(snapshot, e)),
            ...(last ? [statusEvidence(pod, status.name, `Last State: Terminated, Reason: ${last.reason ?? 'Error'}, Exit Code: ${last.exitCode}, Restart Count: ${status.restartCount}`)] : []),
            ...(probe ? [{ source: 'spec' as const, text: `${field}: ${JSON.stringify(probe)}`, location: `pod/${pod.metadata.name} container ${status.name}` }] : []),
            ...problems.map((p) => ({ source: 'spec' as const, text: p.text, location: `pod/${pod.metadata.name} container ${status.name}` })),
          ],
          fixes: [
            ...probeFixes(snapshot, pod, status.name, field, probe, failure, log?.text),
            ...problems.map((p) => containerPatchFix(snapshot, pod, status.name, p.kind === 'port-mismatch' ? `Point ${field} at the port the app listens on` : `Give the app time to start: add a startupProbe or raise initialDelaySeconds`, p.patch)),
            { description: `Run the probe by hand from inside the pod (and time it)`, command: probeByHand(pod, status.name, probe) },
            previousLogsFix(pod, status.name),
          ],
          confidence: kills.length > 0 ? 0.9 : 0.75,
          key: field,
        }));
      }
    }
    return findings;
  },
};

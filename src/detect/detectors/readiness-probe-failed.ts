import type { Finding } from '../../domain/diagnosis.js';
import { eventLastSeen, logFor, snapshotTime } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { containerPatchFix } from '../fix-commands.js';
import { probeByHand, probeFixes } from '../probe-fixes.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { probePortMismatch } from '../parse/probe-checks.js';
import { readinessFailurePersists } from '../parse/probe-persistence.js';
import { activePods, cleanMessage, containerSpec, podEvents, warningEvents } from '../pod-facts.js';

const id = 'readiness-probe-failed';
const RECENT_MS = 30 * 60_000;

/** Running but never Ready: the readiness probe fails, so the Service sends it no traffic. */
export const readinessProbeFailed: Detector = {
  id,
  description: 'Containers running but not Ready because their readiness probe fails.',
  detect(snapshot) {
    const findings: Finding[] = [];
    const now = snapshotTime(snapshot);
    for (const pod of activePods(snapshot)) {
      for (const status of pod.status?.containerStatuses ?? []) {
        if (status.ready || !status.state?.running || pod.metadata.deletionTimestamp) continue;
        const spec = containerSpec(pod, status.name);
        const probe = spec?.readinessProbe;
        const failures = warningEvents(podEvents(snapshot, pod, status.name), 'Unhealthy')
          .filter((e) => /^Readiness probe (failed|errored)/.test(e.message ?? '') && now - eventLastSeen(e) < RECENT_MS);
        // Failures while the app boots are expected; only those that outlast the probe budget count.
        const unhealthy = readinessFailurePersists(snapshot, pod, status, probe, failures) ? failures : [];
        const mismatch = spec && probe ? probePortMismatch(spec, probe, 'readinessProbe') : undefined;
        if (unhealthy.length === 0 && !mismatch) continue;
        const failure = cleanMessage(unhealthy[0]?.message ?? '');
        findings.push(makeFinding({
          snapshot, subject: pod, detector: id, category: 'readiness-probe-failure', severity: 'critical', container: status.name,
          title: `Container ${status.name} is running but never Ready: its readiness probe fails`,
          rootCause: `Container ${status.name} in pod ${pod.metadata.name} runs but fails its readiness probe${failure ? ` (${failure})` : ''}${mismatch ? `: ${mismatch.text}` : ''}, so it receives no Service traffic.`,
          evidence: [
            ...unhealthy.slice(0, 1).map((e) => eventEvidence(snapshot, e)),
            statusEvidence(pod, status.name, `State: Running, Ready: False, Restart Count: ${status.restartCount}`),
            ...(probe ? [{ source: 'spec' as const, text: `readinessProbe: ${JSON.stringify(probe)}`, location: `pod/${pod.metadata.name} container ${status.name}` }] : []),
            ...(mismatch ? [{ source: 'spec' as const, text: mismatch.text, location: `pod/${pod.metadata.name} container ${status.name}` }] : []),
          ],
          fixes: [
            ...probeFixes(snapshot, pod, status.name, 'readinessProbe', probe, failure, (logFor(snapshot, pod.metadata.name, status.name, false) ?? logFor(snapshot, pod.metadata.name, status.name, true))?.text),
            ...(mismatch ? [containerPatchFix(snapshot, pod, status.name, 'Point readinessProbe at the port the app listens on', mismatch.patch)] : []),
            { description: 'Call the readiness endpoint from inside the pod and read the app log for why it is not ready', command: `${probeByHand(pod, status.name, probe)}; kubectl logs ${pod.metadata.name} -n ${pod.metadata.namespace} -c ${status.name} --tail=100` },
            { description: 'Check that the Service has no ready endpoints because of it', command: `kubectl get endpointslices -n ${pod.metadata.namespace} -l kubernetes.io/service-name=<service>` },
          ],
          confidence: unhealthy.length && mismatch ? 0.95 : unhealthy.length ? 0.85 : 0.6,
          key: 'readiness',
        }));
      }
    }
    return findings;
  },
};

import type { Fix } from '../../domain/diagnosis.js';
import type { Pod } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { logFor, objectsOfKind } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { containerPatchFix } from '../fix-commands.js';
import { logEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { parseDependencyWait, type DependencyWait } from '../parse/dependency-wait.js';
import { activePods, containerSpec, humanDuration, isNativeSidecar, minutesBefore, workloadOf } from '../pod-facts.js';

const id = 'init-container-waiting';
/** A wait-for loop may legitimately spin while its dependency starts; past this it is stuck. */
const STUCK_AFTER_MIN = 5;

/**
 * An init container that neither crashes nor finishes: it loops waiting for a host that does
 * not resolve or does not answer (`until nslookup db; do sleep 2; done`). The pod shows
 * Init:0/1 with no restarts and often no Warning event; the log names what it waits for.
 */
export const initContainerWaiting: Detector = {
  id,
  description: 'Init containers stuck in a wait-for-dependency loop (Init:0/1 for minutes, NXDOMAIN / connection refused in the log).',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) =>
      (pod.status?.initContainerStatuses ?? []).flatMap((status) => {
        if (!status.state?.running || isNativeSidecar(pod, status.name)) return [];
        const minutes = minutesBefore(snapshot, status.state.running.startedAt) ?? 0;
        if (minutes < STUCK_AFTER_MIN) return [];
        const log = logFor(snapshot, pod.metadata.name, status.name, false);
        const spec = containerSpec(pod, status.name);
        const command = [...(spec?.command ?? []), ...(spec?.args ?? [])].join(' ');
        const wait = parseDependencyWait(log?.text ?? '', command);
        if (!wait || (!wait.line && !log)) return [];
        const namespace = pod.metadata.namespace ?? snapshot.target.namespace;
        const services = objectsOfKind(snapshot, 'Service').filter((s) => (s.metadata.namespace ?? namespace) === namespace).map((s) => s.metadata.name);
        const exists = services.includes(wait.host);
        const missingService = services.length > 0 && !exists && !wait.host.includes('.');
        // The workload's own Service is never the dependency it waits for.
        const similar = missingService ? closestName(wait.host, services.filter((name) => name !== workloadOf(snapshot, pod).name)) : undefined;
        const index = (pod.spec?.initContainers ?? []).findIndex((c) => c.name === status.name);
        const total = pod.spec?.initContainers?.length ?? 1;
        return [makeFinding({
          snapshot, subject: pod, detector: id, category: 'missing-dependency', severity: 'critical', container: status.name,
          title: `Init container ${status.name} has waited ${humanDuration(minutes)} for ${wait.host}${wait.port ? `:${wait.port}` : ''}, which ${wait.unresolved || missingService ? 'does not resolve' : 'does not answer'}`,
          rootCause: `Init container ${status.name} of pod ${pod.metadata.name} loops waiting for ${wait.host}${wait.port ? ` port ${wait.port}` : ''}${wait.line ? ` ("${wait.line}")` : ''}${missingService ? `; there is no Service ${wait.host} in namespace ${namespace}${services.length ? ` (Services there: ${services.slice(0, 6).join(', ')})` : ''}` : ''}, so the pod stays in Init:${index >= 0 ? index : 0}/${total} and the app containers never start.`,
          evidence: [
            statusEvidence(pod, status.name, `Init container ${status.name}: State: Running for ${humanDuration(minutes)}, Restart Count: ${status.restartCount}; pod status Init:${index >= 0 ? index : 0}/${total}`),
            ...(wait.line ? [logEvidence(pod, status.name, false, wait.line)] : []),
            ...(command ? [{ source: 'spec' as const, text: `command: ${command.slice(0, 300)}`, location: `pod/${pod.metadata.name} init container ${status.name}` }] : []),
            ...(missingService ? [{ source: 'spec' as const, text: `no Service named ${wait.host} in namespace ${namespace}; Services: ${services.join(', ')}`, location: `namespace/${namespace}` }] : []),
          ],
          fixes: fixes(snapshot, pod, status.name, wait, { exists, missingService, similar, command, namespace }),
          confidence: wait.line ? 0.85 : 0.7,
          key: `wait ${wait.host}`,
        })];
      }),
    );
  },
};

interface ServiceFacts {
  exists: boolean;
  missingService: boolean;
  similar: string | undefined;
  command: string;
  namespace: string;
}

function fixes(snapshot: Snapshot, pod: Pod, container: string, wait: DependencyWait, facts: ServiceFacts): Fix[] {
  const list: Fix[] = [];
  const spec = containerSpec(pod, container);
  if (facts.similar && spec?.command?.length) {
    const replaced = [...spec.command, ...(spec.args ?? [])].map((part) => part.split(wait.host).join(facts.similar!));
    list.push(containerPatchFix(snapshot, pod, container, `If ${facts.similar} is the service ${container} should wait for, point it there instead of ${wait.host}`, `command: ${JSON.stringify(replaced)}`));
  }
  if (facts.missingService || wait.unresolved) {
    list.push({ description: `Create (or deploy) Service ${wait.host} in namespace ${facts.namespace} in front of the dependency, or fix the host name ${container} waits for`, command: `kubectl get svc -n ${facts.namespace}   # expected: a Service named ${wait.host}` });
  } else {
    list.push({ description: `Service ${wait.host} exists but nothing answers${wait.port ? ` on port ${wait.port}` : ''}: check that its pods are Ready and its selector and targetPort match them`, command: `kubectl get endpointslices -n ${facts.namespace} -l kubernetes.io/service-name=${wait.host} -o wide` });
  }
  list.push({ description: `Follow the wait loop of ${container} live`, command: `kubectl logs ${pod.metadata.name} -n ${facts.namespace} -c ${container} -f --tail=20` });
  list.push({ description: 'Give the wait loop a limit (e.g. 60 attempts, then exit 1) so a missing dependency shows up as Init:Error instead of an endless Init:0/1' });
  return list;
}

/** The existing name sharing the longest leading part with the wanted one (orders-db → orders-postgres). */
function closestName(wanted: string, names: readonly string[]): string | undefined {
  const prefix = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const scored = names.map((name) => ({ name, score: prefix(wanted, name) })).filter((s) => s.score >= 3).sort((a, b) => b.score - a.score);
  if (scored.length === 0) return undefined;
  if (scored.length > 1 && scored[0]!.score === scored[1]!.score) return undefined;
  return scored[0]!.name;
}

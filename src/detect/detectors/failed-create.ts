import type { Finding } from '../../domain/diagnosis.js';
import type { Workload } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { eventsFor, objectsOfKind, replicaSetsOf, targetObject } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { eventEvidence, makeFinding } from '../make-finding.js';
import { cleanMessage, warningEvents } from '../pod-facts.js';

const id = 'failed-create';

export interface AdmissionDenial {
  kind: 'quota' | 'limit-range' | 'forbidden' | 'webhook';
  /** For a webhook that could not be called: its name and the Service behind it. */
  webhook?: { name: string; service?: string; namespace?: string };
  quota?: string;
  resource?: string;
  detail: string;
}

/**
 * `Error creating: pods "web-abc" is forbidden: exceeded quota: compute-quota, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi`
 * `Error creating: pods "web-abc" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi`
 * `Error creating: pods "web-abc" is forbidden: failed quota: compute-quota: must specify limits.cpu for: app`
 */
export function parseAdmissionDenial(message: string): AdmissionDenial | undefined {
  const exceeded = /exceeded quota: ([\w.-]+), requested: ([^,]+?)(?:=\S+)?, used: .*?, limited: (.+)$/.exec(message) ?? /exceeded quota: ([\w.-]+)/.exec(message);
  if (exceeded) {
    const detail = message.slice(message.indexOf('exceeded quota'));
    return { kind: 'quota', quota: exceeded[1]!, ...(exceeded[2] ? { resource: exceeded[2].split('=')[0]! } : {}), detail };
  }
  const failedQuota = /failed quota: ([\w.-]+): (.+)$/.exec(message);
  if (failedQuota) return { kind: 'quota', quota: failedQuota[1]!, detail: failedQuota[0] };
  const limitRange = /(?:maximum|minimum) (\S+) usage per (?:Container|Pod) is \S+, but (?:limit|request) is \S+|must be less than or equal to \S+ limit|(?:cpu|memory) max limit to request ratio per \w+ is \S+, but provided ratio is \S+/.exec(message);
  if (limitRange) return { kind: 'limit-range', ...(limitRange[1] ? { resource: limitRange[1] } : {}), detail: limitRange[0] };
  const forbidden = /is forbidden: (.+)$/.exec(message);
  if (forbidden) return { kind: 'forbidden', detail: forbidden[1]! };
  // `Internal error occurred: failed calling webhook "x": failed to call webhook: Post "https://svc.ns.svc:443/...": no endpoints available for service "svc"`
  const webhook = /failed calling webhook "([^"]+)": (.+)$/.exec(message);
  if (webhook) {
    const url = /https?:\/\/([\w-]+)\.([\w-]+)\.svc/.exec(webhook[2]!);
    const service = /service "([\w.-]+)"/.exec(webhook[2]!)?.[1] ?? url?.[1];
    return {
      kind: 'webhook',
      webhook: { name: webhook[1]!, ...(service ? { service } : {}), ...(url?.[2] ? { namespace: url[2] } : {}) },
      detail: webhook[0],
    };
  }
  return undefined;
}

function webhookFix(webhook: AdmissionDenial['webhook']): { description: string; command?: string } {
  const where = webhook?.service ? `Service ${webhook.service}${webhook.namespace ? ` in namespace ${webhook.namespace}` : ''}` : 'its Service';
  return {
    description: `Every pod creation goes through admission webhook ${webhook?.name ?? ''}, and ${where} has no ready endpoint: get the webhook's pods running again (or, as a stopgap, set its failurePolicy to Ignore)`,
    ...(webhook?.service ? { command: `kubectl get endpoints ${webhook.service} -n ${webhook.namespace ?? '<namespace>'} && kubectl get pods -n ${webhook.namespace ?? '<namespace>'}` } : {}),
  };
}

/** Controllers (ReplicaSet, StatefulSet, Job, DaemonSet) that the API server refuses to create pods for. */
export const failedCreate: Detector = {
  id,
  description: 'ReplicaSet/StatefulSet/Job FailedCreate events: ResourceQuota, LimitRange or admission denials.',
  detect(snapshot) {
    const target = targetObject(snapshot);
    if (!target) return [];
    const controllers: Workload[] = target.kind === 'Deployment' ? replicaSetsOf(snapshot, target).slice(0, 2) : [target as Workload];
    const findings: Finding[] = [];
    for (const controller of controllers) {
      const desired = controller.spec?.replicas;
      const current = controller.status?.replicas ?? 0;
      if (controller.kind === 'ReplicaSet' && desired !== undefined && current >= desired) continue;
      const event = warningEvents(eventsFor(snapshot, controller.kind, controller.metadata.name), 'FailedCreate')[0];
      if (!event) continue;
      const message = cleanMessage(event.message);
      const denial = parseAdmissionDenial(message);
      if (!denial) continue;
      const ns = controller.metadata.namespace ?? snapshot.target.namespace;
      const podSecurity = /violates PodSecurity "([^"]+)"/.exec(denial.detail)?.[1];
      const what = denial.kind === 'quota' ? `ResourceQuota ${denial.quota}` : denial.kind === 'limit-range' ? 'a LimitRange'
        : denial.kind === 'webhook' ? `admission webhook ${denial.webhook?.name} (unreachable)`
        : podSecurity ? `Pod Security level ${podSecurity}` : 'an admission policy';
      // Only ResourceQuota and LimitRange are quota-exceeded; any other admission denial (Pod Security,
      // a validating webhook, OpenShift SCC) stops the rollout for a reason no other category names.
      const category = denial.kind === 'forbidden' || denial.kind === 'webhook' ? 'rollout-stuck' : 'quota-exceeded';
      findings.push(makeFinding({
        snapshot, subject: controller, detector: id, category, severity: 'critical', container: null,
        title: `${controller.kind} ${controller.metadata.name} cannot create pods: ${what} forbids it`,
        rootCause: `${controller.kind} ${controller.metadata.name} cannot create pods because ${what} in namespace ${ns} forbids them (${denial.detail}).`,
        evidence: [
          eventEvidence(snapshot, event),
          { source: 'status', text: `${controller.kind} ${controller.metadata.name}: desired ${desired ?? '?'}, current ${current}`, location: `${controller.kind.toLowerCase()}/${controller.metadata.name}` },
        ],
        fixes: denial.kind === 'quota'
          ? [
              { description: `See how much of quota ${denial.quota} is used`, command: `kubectl describe resourcequota ${denial.quota} -n ${ns}` },
              { description: `Raise the quota${denial.resource ? ` for ${denial.resource}` : ''}, lower the pods' ${denial.resource ?? 'requests/limits'}, or free quota by scaling down other workloads`, command: `kubectl edit resourcequota ${denial.quota} -n ${ns}` },
            ]
          : denial.kind === 'limit-range'
            ? [
                { description: `See the bounds of ${limitRangeNames(snapshot, ns).map((n) => `LimitRange ${n}`).join(', ') || 'the LimitRange'}`, command: `kubectl describe limitrange ${limitRangeNames(snapshot, ns).join(' ')} -n ${ns}`.replace('  ', ' ') },
                { description: `Bring the container resources within the LimitRange (${denial.detail}) or change the LimitRange` },
              ]
            : [
                denial.kind === 'webhook'
                  ? webhookFix(denial.webhook)
                  : podSecurity
                  ? { description: `Make the pod template meet Pod Security "${podSecurity}" as the denial lists (${denial.detail.replace(/^violates PodSecurity "[^"]+":\s*/, '')}), rather than lowering the namespace's level`, command: `kubectl get ns ${ns} --show-labels` }
                  : { description: 'Read the denial and adjust the pod spec or the policy that rejects it', command: `kubectl describe ${controller.kind.toLowerCase()} ${controller.metadata.name} -n ${ns}` },
                ...(controller.kind === 'ReplicaSet' && target.kind === 'Deployment'
                  ? [{ description: `Until then, roll back to the template that was admitted`, command: `kubectl rollout undo deployment/${target.metadata.name} -n ${ns}` }]
                  : []),
              ],
        confidence: denial.kind === 'forbidden' ? 0.6 : 0.95,
        key: `${denial.kind} ${denial.quota ?? ''} ${denial.resource ?? ''}`,
      }));
      break;
    }
    return findings;
  },
};

/** LimitRanges the snapshot holds for the namespace, to name them in fixes. */
function limitRangeNames(snapshot: Snapshot, namespace: string): string[] {
  return objectsOfKind(snapshot, 'LimitRange').filter((l) => (l.metadata.namespace ?? namespace) === namespace).map((l) => l.metadata.name);
}

import type { Fix } from '../../domain/diagnosis.js';
import type { Pod } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { findObject } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { parseConfigReference, type ConfigReference } from '../parse/parse-config-reference.js';
import { activePods, cleanMessage, containerSpec, podEvents, warningEvents } from '../pod-facts.js';

const id = 'create-container-config-error';

export const createContainerConfigError: Detector = {
  id,
  description: 'CreateContainerConfigError: a referenced ConfigMap, Secret or key is missing (or the container config is invalid).',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) =>
      [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].flatMap((status) => {
        const waiting = status.state?.waiting;
        if (waiting?.reason !== 'CreateContainerConfigError') return [];
        const event = warningEvents(podEvents(snapshot, pod, status.name), 'Failed').find((e) => parseConfigReference(e.message ?? ''));
        const reference = parseConfigReference(waiting.message ?? '') ?? parseConfigReference(event?.message ?? '');
        const category = reference?.category ?? 'config-error';
        const where = reference?.name ? describeReference(pod, status.name, reference) : undefined;
        return [
          makeFinding({
            snapshot, subject: pod, detector: id, category, severity: 'critical', container: status.name,
            title: title(reference, status.name),
            rootCause: rootCause(snapshot, pod, status.name, reference),
            evidence: [
              statusEvidence(pod, status.name, `State: Waiting, Reason: CreateContainerConfigError${waiting.message ? `, Message: ${cleanMessage(waiting.message)}` : ''}`),
              ...(event ? [eventEvidence(snapshot, event)] : []),
              ...(where ? [{ source: 'spec' as const, text: where, location: `pod/${pod.metadata.name} container ${status.name}` }] : []),
            ],
            fixes: fixes(pod, reference),
            confidence: reference ? 0.95 : 0.5,
            key: `${category} ${reference?.kind ?? ''} ${reference?.name ?? ''} ${reference?.key ?? ''}`,
          }),
        ];
      }),
    );
  },
};

function title(reference: ConfigReference | undefined, container: string): string {
  if (!reference?.name) return `Container ${container} cannot be created: invalid configuration`;
  if (reference.key) return `Key ${reference.key} is missing from ${reference.kind} ${reference.name}`;
  return `${reference.kind} ${reference.name} does not exist`;
}

function rootCause(snapshot: Snapshot, pod: Pod, container: string, reference: ConfigReference | undefined): string {
  const ns = pod.metadata.namespace;
  if (!reference?.name) return `Container ${container} in pod ${pod.metadata.name} cannot be created because its configuration is invalid${reference ? `: ${reference.text}` : ''}.`;
  if (reference.key) {
    const exists = findObject(snapshot, reference.kind ?? 'ConfigMap', reference.name, ns);
    return `Container ${container} references key ${reference.key} of ${reference.kind} ${ns}/${reference.name}, which ${exists ? 'exists but does not contain that key' : 'does not contain that key'}.`;
  }
  return `Container ${container} in pod ${pod.metadata.name} references ${reference.kind} ${reference.name}, which does not exist in namespace ${ns}.`;
}

/** Where the container spec refers to the object, e.g. `env DB_HOST from configMapKeyRef app-config/DB_HOST`. */
function describeReference(pod: Pod, container: string, reference: ConfigReference): string | undefined {
  const spec = containerSpec(pod, container);
  const isSecret = reference.kind === 'Secret';
  for (const env of spec?.env ?? []) {
    const ref = isSecret ? env.valueFrom?.secretKeyRef : env.valueFrom?.configMapKeyRef;
    if (ref?.name === reference.name && (!reference.key || ref.key === reference.key)) return `env ${env.name} from ${isSecret ? 'secretKeyRef' : 'configMapKeyRef'} ${ref.name}/${ref.key}`;
  }
  for (const from of spec?.envFrom ?? []) {
    const ref = isSecret ? from.secretRef : from.configMapRef;
    if (ref?.name === reference.name) return `envFrom ${isSecret ? 'secretRef' : 'configMapRef'} ${ref.name}`;
  }
  return undefined;
}

function fixes(pod: Pod, reference: ConfigReference | undefined): Fix[] {
  const ns = pod.metadata.namespace;
  if (!reference?.name) return [{ description: 'Inspect the container configuration error', command: `kubectl describe pod ${pod.metadata.name} -n ${ns}` }];
  const kind = reference.kind === 'Secret' ? 'secret' : 'configmap';
  if (reference.key) {
    return [
      { description: `See which keys ${reference.kind} ${reference.name} has`, command: `kubectl get ${kind} ${reference.name} -n ${ns} -o jsonpath='{.data}'` },
      {
        description: `Add key ${reference.key} to ${reference.kind} ${reference.name} (or fix the key name in the pod spec, or mark the reference optional)`,
        command: reference.kind === 'Secret'
          ? `kubectl patch secret ${reference.name} -n ${ns} -p '{"stringData":{"${reference.key}":"<value>"}}'`
          : `kubectl patch configmap ${reference.name} -n ${ns} -p '{"data":{"${reference.key}":"<value>"}}'`,
      },
    ];
  }
  return [
    {
      description: `Create ${reference.kind} ${reference.name} in namespace ${ns} (or fix the name the pod refers to)`,
      command: reference.kind === 'Secret'
        ? `kubectl create secret generic ${reference.name} -n ${ns} --from-literal=<key>=<value>`
        : `kubectl create configmap ${reference.name} -n ${ns} --from-literal=<key>=<value>`,
    },
    { description: `Check which ${kind}s exist in the namespace`, command: `kubectl get ${kind}s -n ${ns}` },
  ];
}

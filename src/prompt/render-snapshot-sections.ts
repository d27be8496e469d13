import { stringify } from 'yaml';
import type { Container, ContainerState, Pod, Workload } from '../domain/k8s-objects.js';
import { eventCount, eventFirstSeen, eventLastSeen, objectsOfKind, targetObject, targetPods } from '../domain/snapshot-view.js';
import type { Snapshot } from '../domain/snapshot.js';

function describeState(state: ContainerState | undefined): string {
  if (!state) return 'unknown';
  if (state.waiting) return `Waiting (${state.waiting.reason ?? '?'})${state.waiting.message ? `: ${state.waiting.message}` : ''}`;
  if (state.terminated) {
    const t = state.terminated;
    return `Terminated (Reason: ${t.reason ?? '?'}, Exit Code: ${t.exitCode}${t.signal ? `, Signal: ${t.signal}` : ''})${t.message ? `: ${t.message}` : ''}`;
  }
  if (state.running) return `Running since ${state.running.startedAt ?? '?'}`;
  return 'unknown';
}

/** Target, pod phases, conditions and every container's state, kubectl-describe style. */
export function renderStatus(snapshot: Snapshot): string {
  const lines: string[] = [`Target: ${snapshot.target.kind} ${snapshot.target.namespace}/${snapshot.target.name}`];
  const target = targetObject(snapshot) as Workload | undefined;
  if (target && snapshot.target.kind !== 'Pod' && target.status) {
    const s = target.status;
    lines.push(`Replicas: desired ${target.spec?.replicas ?? '?'}, ready ${s.readyReplicas ?? 0}, updated ${s.updatedReplicas ?? 0}, available ${s.availableReplicas ?? 0}`);
    for (const c of s.conditions ?? []) lines.push(`Condition ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
  }
  for (const pod of targetPods(snapshot)) {
    const st = pod.status;
    lines.push(`Pod ${pod.metadata.name}: phase ${st?.phase ?? '?'}${st?.reason ? `, reason ${st.reason}` : ''}${st?.message ? `: ${st.message}` : ''}${pod.spec?.nodeName ? `, node ${pod.spec.nodeName}` : ''}`);
    for (const c of st?.conditions ?? []) if (c.status !== 'True') lines.push(`  Condition ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
    const all = [...(st?.initContainerStatuses ?? []).map((s) => ({ s, init: true })), ...(st?.containerStatuses ?? []).map((s) => ({ s, init: false }))];
    for (const { s, init } of all) {
      lines.push(`  ${init ? 'Init container' : 'Container'} ${s.name}: State ${describeState(s.state)}; Last State ${describeState(s.lastState)}; Ready ${s.ready}; Restart Count ${s.restartCount}`);
    }
  }
  return lines.join('\n');
}

/** Events oldest first, one line each, with counts; both event API forms. */
export function renderEvents(snapshot: Snapshot, limit = 30): string {
  const events = [...snapshot.events].sort((a, b) => eventFirstSeen(a) - eventFirstSeen(b)).slice(-limit);
  return events
    .map((e) => {
      const last = eventLastSeen(e);
      const when = last ? new Date(last).toISOString() : '?';
      const count = eventCount(e);
      return `${when} ${e.type ?? ''} ${e.reason ?? ''} ${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}${e.involvedObject.fieldPath ? ` ${e.involvedObject.fieldPath}` : ''}: ${e.message ?? ''}${count > 1 ? ` (x${count})` : ''}`;
    })
    .join('\n');
}

// Literal env values may be secrets; names and references are what explain a config error.
function containerExcerpt(container: Container): Record<string, unknown> {
  return {
    name: container.name,
    image: container.image,
    ...(container.command ? { command: container.command } : {}),
    ...(container.args ? { args: container.args } : {}),
    ...(container.resources ? { resources: container.resources } : {}),
    ...(container.env ? { env: container.env.map((e) => (e.valueFrom ? { name: e.name, valueFrom: e.valueFrom } : { name: e.name, value: '[value not sent]' })) } : {}),
    ...(container.envFrom ? { envFrom: container.envFrom } : {}),
    ...(container.volumeMounts ? { volumeMounts: container.volumeMounts } : {}),
    ...(container.livenessProbe ? { livenessProbe: container.livenessProbe } : {}),
    ...(container.readinessProbe ? { readinessProbe: container.readinessProbe } : {}),
    ...(container.startupProbe ? { startupProbe: container.startupProbe } : {}),
  };
}

/** The parts of the pod spec that failures hinge on; Secrets appear by key name only. */
export function renderSpec(snapshot: Snapshot): string {
  const pod = targetPods(snapshot)[0] as Pod | undefined;
  const spec = pod?.spec ?? (targetObject(snapshot) as Workload | undefined)?.spec?.template?.spec;
  if (!spec) return '';
  const excerpt = {
    ...(spec.initContainers ? { initContainers: spec.initContainers.map(containerExcerpt) } : {}),
    containers: spec.containers.map(containerExcerpt),
    ...(spec.volumes ? { volumes: spec.volumes.filter((v) => !v.name.startsWith('kube-api-access')) } : {}),
    ...(spec.nodeSelector ? { nodeSelector: spec.nodeSelector } : {}),
    ...(spec.tolerations ? { tolerations: spec.tolerations } : {}),
    ...(spec.affinity ? { affinity: spec.affinity } : {}),
  };
  const secrets = objectsOfKind(snapshot, 'Secret').map((s) => `Secret ${s.metadata.name}: keys ${Object.keys((s as { data?: Record<string, unknown> }).data ?? {}).join(', ') || '(none listed)'}`);
  const configMaps = objectsOfKind(snapshot, 'ConfigMap').map((c) => `ConfigMap ${c.metadata.name}: keys ${Object.keys((c as { data?: Record<string, unknown> }).data ?? {}).join(', ') || '(none)'}`);
  return [stringify(excerpt).trim(), ...secrets, ...configMaps].join('\n');
}

import type { K8sObject, LabelSelector, Pod } from '../domain/k8s-objects.js';
import {
  collectEvents, collectMetrics, collectNamespacePolicies, collectNode, collectOwnerChain, collectReferences,
  collectServices, controllerRef,
} from './collect-parts.js';
import { collectLogs } from './collect-logs.js';
import type { Collection } from './collection.js';

/** Other pods of the same controller: one failing replica among healthy ones is a different story from all failing. */
async function collectSiblings(c: Collection, pod: Pod, owner: K8sObject | undefined): Promise<void> {
  if (!owner) return;
  const namespace = pod.metadata.namespace;
  const selector = (owner.spec as { selector?: LabelSelector } | undefined)?.selector;
  const pods = await c.attempt(`pods of ${owner.kind.toLowerCase()} ${namespace}/${owner.metadata.name}`, 'pods',
    () => c.reader.list('Pod', namespace, selector ? { labels: selector } : {}));
  for (const sibling of pods ?? []) {
    const ref = controllerRef(sibling);
    if (ref?.kind === owner.kind && ref.name === owner.metadata.name) c.add(sibling);
  }
}

/** Everything about one pod: owners, node, events, logs, volumes, config, services, quotas, siblings, metrics. */
export async function collectPodTarget(c: Collection, pod: Pod): Promise<void> {
  c.add(pod);
  const namespace = pod.metadata.namespace ?? '';
  await Promise.all([
    (async () => {
      const owners = await collectOwnerChain(c, pod);
      await Promise.all([
        ...owners.map((owner) => collectEvents(c, namespace, owner.kind, owner.metadata.name)),
        collectSiblings(c, pod, owners[0]),
      ]);
    })(),
    collectEvents(c, namespace, 'Pod', pod.metadata.name),
    collectNode(c, pod.spec?.nodeName),
    collectLogs(c, pod),
    collectReferences(c, namespace, pod.spec),
    collectServices(c, namespace, [pod.metadata.labels]),
    collectNamespacePolicies(c, namespace),
    collectMetrics(c, pod),
  ]);
}

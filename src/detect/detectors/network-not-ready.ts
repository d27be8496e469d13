import type { Evidence } from '../../domain/diagnosis.js';
import type { Node } from '../../domain/k8s-objects.js';
import type { Detector } from '../detector.js';
import { eventEvidence, makeFinding } from '../make-finding.js';
import { activePods, cleanMessage, nodeOf, podEvents, warningEvents } from '../pod-facts.js';

const id = 'network-not-ready';

// The kubelet's wording when the runtime reports NetworkReady=false (containerd and CRI-O alike).
const NETWORK_DOWN = /NetworkReady=false|NetworkPluginNotReady|network plugin (?:is )?not ready|cni plugin not initialized|no networks found in \/etc\/cni\/net\.d|cni config uninitialized|Network plugin returns error/i;

/** The part of a runtime network message that says what is missing, without the kubelet's prefixes. */
export function networkDetail(message: string): string | undefined {
  if (!NETWORK_DOWN.test(message)) return undefined;
  return /message:\s*(?:Network plugin returns error:\s*)?(.+)$/.exec(message)?.[1]?.trim() ?? message.trim();
}

/**
 * The node's container network is not up (`NetworkNotReady` events, node Ready=False with
 * `container runtime network not ready`, or NetworkUnavailable=True), so no pod sandbox can be
 * created there and pods sit in ContainerCreating, often with no FailedCreatePodSandBox event.
 */
export const networkNotReady: Detector = {
  id,
  description: 'Node container network not ready (CNI not initialised): NetworkNotReady events, KubeletNotReady, NetworkUnavailable.',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) => {
      const waitingToStart = pod.status?.phase === 'Pending' || (pod.status?.containerStatuses ?? []).some((s) => s.state?.waiting?.reason === 'ContainerCreating');
      if (!waitingToStart) return [];
      const event = warningEvents(podEvents(snapshot, pod), 'NetworkNotReady').find((e) => NETWORK_DOWN.test(e.message ?? ''))
        ?? warningEvents(podEvents(snapshot, pod), /^(FailedCreatePodSandBox|FailedSync)$/).find((e) => NETWORK_DOWN.test(e.message ?? ''));
      const node = nodeOf(snapshot, pod) as Node | undefined;
      const conditions = node?.status?.conditions ?? [];
      const readyDown = conditions.find((c) => c.type === 'Ready' && c.status !== 'True' && NETWORK_DOWN.test(c.message ?? ''));
      const unavailable = conditions.find((c) => c.type === 'NetworkUnavailable' && c.status === 'True');
      if (!event && !readyDown && !unavailable) return [];
      const nodeName = pod.spec?.nodeName ?? node?.metadata.name ?? '(unknown)';
      const detail = networkDetail(cleanMessage(event?.message ?? readyDown?.message ?? '')) ?? unavailable?.message ?? 'the node network is unavailable';
      const evidence: Evidence[] = [
        ...(event ? [eventEvidence(snapshot, event)] : []),
        ...(readyDown ? [{ source: 'node' as const, text: `Ready=${readyDown.status}, Reason: ${readyDown.reason ?? '?'}, Message: ${readyDown.message ?? ''}`, location: `node/${nodeName}` }] : []),
        ...(unavailable ? [{ source: 'node' as const, text: `NetworkUnavailable=True, Reason: ${unavailable.reason ?? '?'}${unavailable.message ? `, Message: ${unavailable.message}` : ''}`, location: `node/${nodeName}` }] : []),
        { source: 'status', text: 'Status: Pending, containers waiting in ContainerCreating', location: `pod/${pod.metadata.name}` },
      ];
      return [makeFinding({
        snapshot, subject: pod, detector: id, category: 'sandbox-failure', severity: 'critical', container: null,
        title: `Node ${nodeName} has no working pod network (CNI not ready), so the pod sandbox cannot be created`,
        rootCause: `The container runtime on node ${nodeName} reports its network as not ready (${detail}): the CNI plugin has not written its configuration or its agent is not running there, so no pod on that node can get a sandbox and pod ${pod.metadata.name} stays in ContainerCreating.`,
        evidence,
        fixes: [
          { description: `Check the CNI agent pod (aws-node, calico-node, cilium, kube-flannel, ...) on node ${nodeName}: is it scheduled, Running and Ready?`, command: `kubectl get pods -A -o wide --field-selector spec.nodeName=${nodeName}` },
          { description: `Read why the node reports NetworkReady=false and whether the CNI config exists on it (/etc/cni/net.d)`, command: `kubectl describe node ${nodeName}   # then on the node: ls /etc/cni/net.d; journalctl -u kubelet | grep -i cni` },
          { description: `Move the pod off the broken node while the CNI is repaired: cordon it and delete the pod so its controller recreates it elsewhere`, command: `kubectl cordon ${nodeName} && kubectl delete pod ${pod.metadata.name} -n ${pod.metadata.namespace}` },
        ],
        confidence: event && (readyDown || unavailable) ? 0.92 : 0.85,
        key: `network ${nodeName}`,
      })];
    });
  },
};

import type { Detector } from '../detector.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { activePods, cleanMessage, podEvents, warningEvents } from '../pod-facts.js';

const id = 'failed-create-pod-sandbox';

/** `Failed to create pod sandbox: rpc error: ... failed to setup network for sandbox "…": plugin type="calico" failed (add): …` */
export function parseSandboxMessage(message: string): { plugin?: string; ipExhausted: boolean; detail: string } {
  const plugin = /plugin type="([^"]+)"/.exec(message)?.[1] ?? /\b(calico|cilium|flannel|weave|aws-cni|azure-vnet|multus)\b/i.exec(message)?.[1];
  const ipExhausted = /no IP addresses available|failed to allocate for range|failed to assign an IP address|IPAM.*exhausted|ip pool .* exhausted|InsufficientFreeAddresses/i.test(message);
  const detail = /(?:failed \((?:add|delete)\)|failed to setup network for sandbox "[^"]*"):\s*(.+)$/.exec(message)?.[1] ?? message;
  return { ...(plugin ? { plugin } : {}), ipExhausted, detail: detail.slice(0, 300) };
}

export const failedCreatePodSandbox: Detector = {
  id,
  description: 'Pod sandbox or network cannot be created (FailedCreatePodSandBox: CNI errors, IP exhaustion).',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) => {
      if (pod.status?.phase !== 'Pending') return [];
      const event = warningEvents(podEvents(snapshot, pod), /^(FailedCreatePodSandBox|FailedCreatePodSandbox)$/)[0];
      if (!event) return [];
      const message = cleanMessage(event.message);
      const parsed = parseSandboxMessage(message);
      const node = pod.spec?.nodeName ?? '(unknown)';
      return [makeFinding({
        snapshot, subject: pod, detector: id, category: 'sandbox-failure', severity: 'critical', container: null,
        title: `Pod sandbox cannot be created on ${node}${parsed.ipExhausted ? ': no pod IPs left' : parsed.plugin ? ` (CNI ${parsed.plugin})` : ''}`,
        rootCause: `The container runtime on node ${node} cannot create the sandbox for pod ${pod.metadata.name}${parsed.plugin ? `: the ${parsed.plugin} CNI plugin fails` : ''}${parsed.ipExhausted ? ' because the node has no free pod IP addresses' : ''} (${parsed.detail}).`,
        evidence: [eventEvidence(snapshot, event), statusEvidence(pod, null, 'Status: Pending (ContainerCreating)')],
        fixes: [
          { description: `Check the CNI pods on node ${node}`, command: `kubectl get pods -n kube-system -o wide --field-selector spec.nodeName=${node}` },
          ...(parsed.ipExhausted ? [{ description: 'Free or add pod IPs: clean up leaked IP allocations, enlarge the pod CIDR / IP pool, or lower max pods per node' }] : []),
          { description: `Read the ${parsed.plugin ?? 'CNI'} agent logs on that node and restart it if it is unhealthy`, command: `kubectl logs -n kube-system -l k8s-app=${parsed.plugin === 'calico' ? 'calico-node' : (parsed.plugin ?? 'cni')} --tail=100` },
        ],
        confidence: 0.9,
        key: `sandbox ${parsed.plugin ?? ''} ${parsed.ipExhausted}`,
      })];
    });
  },
};

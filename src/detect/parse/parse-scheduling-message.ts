/**
 * Parses the scheduler's FailedScheduling / PodScheduled=False message, e.g.
 * `0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.
 *  preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.`
 * Each node is reported under the FIRST filter it failed (taints and node affinity run before
 * resource fit), which is what lets us tell the binding reason from incidental ones.
 */

export type SchedulingReasonKind = 'resource' | 'taint' | 'node-affinity' | 'pod-affinity' | 'topology-spread' | 'volume-affinity' | 'volume' | 'ports' | 'unschedulable' | 'other';

export interface SchedulingReason {
  count: number;
  kind: SchedulingReasonKind;
  text: string;
  /** cpu, memory, pods, nvidia.com/gpu … for kind=resource. */
  resource?: string;
  /** For kind=taint. */
  taint?: { key: string; value: string };
}

export interface SchedulingMessage {
  totalNodes: number | null;
  reasons: SchedulingReason[];
  /** Reasons with no node count that block every node (unbound or missing PVC). */
  podLevel: string[];
  preemption: string | null;
}

// Taints the control plane and node lifecycle put on nodes on purpose; a pod not tolerating
// them is expected and is rarely what should change.
const SYSTEM_TAINT = /^node-role\.kubernetes\.io\/(?:control-plane|master)$/;

export function isSystemTaint(key: string): boolean {
  return SYSTEM_TAINT.test(key);
}

export function parseSchedulingMessage(message: string): SchedulingMessage {
  // 1.32+ (DRA) may add "no new claims to deallocate," between the reasons and the preemption part.
  const text = message.replace(/\s*\(combined from similar events\):?\s*/g, ' ').replace(/\s*no new claims to deallocate,?/g, '').trim();
  const preemptionAt = text.search(/\.?\s*preemption:/);
  const main = preemptionAt >= 0 ? text.slice(0, preemptionAt) : text;
  const preemption = preemptionAt >= 0 ? text.slice(preemptionAt).replace(/^\.?\s*preemption:\s*/, '').replace(/\.$/, '') : null;

  const header = /(\d+)\/(\d+) nodes are available:?\s*/.exec(main);
  const totalNodes = header ? Number(header[2]) : null;
  const list = header ? main.slice(header.index + header[0].length) : main;
  const reasons: SchedulingReason[] = [];
  const podLevel: string[] = [];

  // PreBind failures (`running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "x"`)
  // come after a node was chosen, so they carry no node list: the claim is the problem.
  const pvc = /(?:pod has )?unbound immediate PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found|waiting for ephemeral volume controller to create the persistentvolumeclaim "[^"]+"|binding volumes: (?:provisioning failed for PVC "[^"]+"|selectedNode annotation reset for PVC "[^"]+"|timed out waiting for the condition|context deadline exceeded)/i.exec(main);
  if (pvc) podLevel.push(pvc[0]);
  if (header) {
    for (const item of list.replace(/\.\s*$/, '').split(/,\s*(?=\d+\s)/)) {
      const m = /^(\d+)\s+(.+)$/.exec(item.trim());
      if (m) reasons.push(classifyReason(Number(m[1]), m[2]!.trim()));
    }
  }
  return { totalNodes, reasons, podLevel, preemption };
}

function classifyReason(count: number, text: string): SchedulingReason {
  const insufficient = /^Insufficient (\S+)/i.exec(text);
  if (insufficient) return { count, kind: 'resource', text, resource: insufficient[1]! };
  if (/^Too many pods/i.test(text)) return { count, kind: 'resource', text, resource: 'pods' };
  if (/exceed max volume count/i.test(text)) return { count, kind: 'resource', text, resource: 'attachable-volumes' };
  const taint = /taint \{([^:}]+):\s*([^}]*)\}/.exec(text);
  if (taint) {
    const key = taint[1]!.trim();
    return { count, kind: key === 'node.kubernetes.io/unschedulable' ? 'unschedulable' : 'taint', text, taint: { key, value: taint[2]!.trim() } };
  }
  // 1.33+ may leave the key out (`3 node(s) had untolerated taint(s)`); the nodes in the snapshot name it.
  if (/untolerated taint|had taints? .*didn't tolerate/i.test(text)) return { count, kind: 'taint', text };
  if (/were unschedulable/i.test(text)) return { count, kind: 'unschedulable', text };
  if (/volume node affinity conflict/i.test(text)) return { count, kind: 'volume-affinity', text };
  if (/node affinity\/selector|didn't match node selector|node\(s\) didn't match Pod's node affinity/i.test(text)) return { count, kind: 'node-affinity', text };
  if (/topology spread/i.test(text)) return { count, kind: 'topology-spread', text };
  if (/pod (?:anti-)?affinity|anti-affinity/i.test(text)) return { count, kind: 'pod-affinity', text };
  if (/free ports/i.test(text)) return { count, kind: 'ports', text };
  if (/persistentvolumeclaim|persistent volumes to bind|non-existent pv|unbound/i.test(text)) return { count, kind: 'volume', text };
  return { count, kind: 'other', text };
}

/**
 * The kubelet eviction manager's messages (pod status.message and the Evicted event):
 *  - node pressure: `The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. `
 *    followed by `Container app was using 1.2Gi, request is 512Mi, has larger consumption of memory. `
 *    (before 1.26: `Container app was using 1.2Gi, which exceeds its request of 512Mi. `)
 *  - admission refused on a node condition: `The node had condition: [DiskPressure]. `
 *  - the pod's own local-storage limits, with no node pressure at all:
 *    `Usage of EmptyDir volume "scratch" exceeds the limit "2Gi". `,
 *    `Container app exceeded its local ephemeral storage limit "1Gi". `,
 *    `Pod ephemeral local storage usage exceeds the total limit of containers 3Gi. `
 */
export type EvictionKind = 'node-pressure' | 'node-condition' | 'emptydir-limit' | 'container-storage-limit' | 'pod-storage-limit' | 'other';

export interface EvictionMessage {
  kind: EvictionKind;
  /** memory, ephemeral-storage, nodefs/imagefs inodes, pids … */
  resource?: string;
  threshold?: string;
  available?: string;
  /** Containers the kubelet named as using more than they requested. */
  containers: { name: string; using: string; request: string }[];
  /** For the limit kinds: the emptyDir volume or the container over its limit, and the limit. */
  volume?: string;
  container?: string;
  limit?: string;
  condition?: string;
}

export function parseEvictionMessage(message: string): EvictionMessage {
  const text = message.replace(/\s+/g, ' ').trim();
  const containers = [...text.matchAll(/Container ([\w.-]+) was using ([^,\s]+),? (?:request is|which exceeds its request of) ([^,.\s]+(?:\.\d+[A-Za-z]*)?)/g)]
    .map((m) => ({ name: m[1]!, using: m[2]!, request: m[3]! }));
  const emptyDir = /Usage of EmptyDir volume "([^"]+)" exceeds the limit "([^"]+)"/.exec(text);
  if (emptyDir) return { kind: 'emptydir-limit', resource: 'ephemeral-storage', volume: emptyDir[1]!, limit: emptyDir[2]!, containers };
  const container = /Container ([\w.-]+) exceeded its local ephemeral storage limit "([^"]+)"/.exec(text);
  if (container) return { kind: 'container-storage-limit', resource: 'ephemeral-storage', container: container[1]!, limit: container[2]!, containers };
  const pod = /Pod ephemeral local storage usage exceeds the total limit of containers ([^\s.]+(?:\.\d+[A-Za-z]*)?)/.exec(text);
  if (pod) return { kind: 'pod-storage-limit', resource: 'ephemeral-storage', limit: pod[1]!, containers };
  const low = /low on resource: ([\w-]+(?:\.[\w-]+)*)/.exec(text);
  if (low) {
    const threshold = /Threshold quantity: ([^,\s]+), available: ([^.\s]+(?:\.\d+[A-Za-z]*)?)/.exec(text);
    return { kind: 'node-pressure', resource: low[1]!, ...(threshold ? { threshold: threshold[1]!, available: threshold[2]! } : {}), containers };
  }
  const condition = /The node had condition: \[?([\w, ]+?)\]?\.?\s*$|The node had condition: \[?([\w, ]+)\]?/.exec(text);
  if (condition) {
    const name = (condition[1] ?? condition[2] ?? '').trim();
    return { kind: 'node-condition', condition: name, ...(conditionResource(name) ? { resource: conditionResource(name)! } : {}), containers };
  }
  return { kind: 'other', containers };
}

function conditionResource(condition: string): string | undefined {
  if (/Memory/.test(condition)) return 'memory';
  if (/Disk/.test(condition)) return 'ephemeral-storage';
  if (/PID/.test(condition)) return 'pids';
  return undefined;
}

/** True when the pod's own limit (not the node) caused the eviction: raising pressure thresholds will not help. */
export function isOwnLimit(kind: EvictionKind): boolean {
  return kind === 'emptydir-limit' || kind === 'container-storage-limit' || kind === 'pod-storage-limit';
}

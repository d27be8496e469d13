import { describe, expect, it } from 'vitest';
import { parseSchedulingMessage } from './parse-scheduling-message.js';

describe('parseSchedulingMessage', () => {
  it('splits reasons with node counts, taints and preemption text', () => {
    const parsed = parseSchedulingMessage('0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.');
    expect(parsed.totalNodes).toBe(5);
    expect(parsed.reasons).toEqual([
      { count: 2, kind: 'resource', text: 'Insufficient cpu', resource: 'cpu' },
      { count: 3, kind: 'taint', text: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', taint: { key: 'node-role.kubernetes.io/control-plane', value: '' } },
    ]);
    expect(parsed.preemption).toContain('No preemption victims');
  });

  it('reads the older "had taint ..., that the pod didn\'t tolerate" form', () => {
    const parsed = parseSchedulingMessage("0/3 nodes are available: 3 node(s) had taint {dedicated: gpu}, that the pod didn't tolerate.");
    expect(parsed.reasons[0]).toMatchObject({ count: 3, kind: 'taint', taint: { key: 'dedicated', value: 'gpu' } });
  });

  it('recognises affinity, anti-affinity, spread and volume affinity reasons', () => {
    const parsed = parseSchedulingMessage("0/6 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't match pod anti-affinity rules, 2 node(s) didn't match pod topology spread constraints, 1 node(s) had volume node affinity conflict. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.");
    expect(parsed.reasons.map((r) => r.kind)).toEqual(['node-affinity', 'pod-affinity', 'topology-spread', 'volume-affinity']);
  });

  it('keeps pod-level PVC problems that carry no node count', () => {
    const parsed = parseSchedulingMessage('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    expect(parsed.podLevel[0]).toContain('unbound immediate PersistentVolumeClaims');
    const missing = parseSchedulingMessage('0/1 nodes are available: 1 persistentvolumeclaim "data-db-0" not found.');
    expect(missing.podLevel[0]).toContain('persistentvolumeclaim "data-db-0" not found');
  });

  it('handles extended resources and Too many pods', () => {
    const parsed = parseSchedulingMessage('0/4 nodes are available: 1 Too many pods, 3 Insufficient nvidia.com/gpu.');
    expect(parsed.reasons.map((r) => r.resource)).toEqual(['pods', 'nvidia.com/gpu']);
  });

  it('does not invent reasons from unrelated text', () => {
    // a message without the "N/M nodes are available" grammar has no per-node reasons
    expect(parseSchedulingMessage('skip schedule deleting pod: shop/web-1').reasons).toEqual([]);
  });

  it('keeps PreBind volume binding failures, which name the claim and no nodes', () => {
    const parsed = parseSchedulingMessage('running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "media-uploads"');
    expect(parsed.podLevel).toEqual(['binding volumes: provisioning failed for PVC "media-uploads"']);
    expect(parseSchedulingMessage('running PreBind plugin "VolumeBinding": binding volumes: timed out waiting for the condition').podLevel).toHaveLength(1);
    // a PreBind failure of another plugin is not a claim problem
    expect(parseSchedulingMessage('running PreBind plugin "DynamicResources": waiting for resource driver').podLevel).toEqual([]);
  });

  it('keeps a taint reason whose key the scheduler left out', () => {
    const parsed = parseSchedulingMessage('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.');
    expect(parsed.reasons.map((r) => [r.count, r.kind, r.taint?.key, r.text])).toEqual([[1, 'taint', 'node-role.kubernetes.io/control-plane', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'], [3, 'taint', undefined, 'node(s) had untolerated taint(s)']]);
    expect(parsed.preemption).toContain('Preemption is not helpful');
  });
});

import { describe, expect, it } from 'vitest';
import type { K8sObject, Node, Pod } from '../domain/k8s-objects.js';
import { makeContainer, makePod, makeSnapshot } from '../../test/helpers/builders.js';
import { chooseSchedulingCause } from './detectors/failed-scheduling.js';
import { pinnedVolumes } from './parse/node-fit.js';
import { parseSchedulingMessage } from './parse/parse-scheduling-message.js';

function node(name: string, labels: Record<string, string>, allocatable: Record<string, string>, taints: Node['spec'] extends infer S ? S extends { taints?: infer T } ? T : never : never = []): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: { taints }, status: { allocatable: { cpu: '7910m', memory: '31Gi', pods: '110', ...allocatable } } };
}
const pending = (requests: Record<string, string>, spec: Partial<NonNullable<Pod['spec']>> = {}) =>
  makePod({ name: 'trainer-0', phase: 'Pending', containers: [makeContainer({ name: 'trainer', resources: { requests, limits: requests } })], containerStatuses: [], spec });

describe('mixed FailedScheduling reasons decided with the nodes', () => {
  const gpuTaint = [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }];
  const gpuNodes = [node('gpu-a', {}, { 'amd.com/gpu': '8' }, gpuTaint), node('gpu-b', {}, { 'amd.com/gpu': '8' }, gpuTaint)];
  const cpuNodes = [node('cpu-a', {}, {}), node('cpu-b', {}, {}), node('cpu-c', {}, {})];
  const gpuMessage = parseSchedulingMessage('0/5 nodes are available: 2 node(s) had untolerated taint {sku: gpu}, 3 Insufficient amd.com/gpu. preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.');

  it('the only nodes with the GPU are tainted: the taint binds, not capacity', () => {
    const cause = chooseSchedulingCause(gpuMessage, pending({ cpu: '4', 'amd.com/gpu': '1' }), [...gpuNodes, ...cpuNodes]);
    expect(cause?.category).toBe('untolerated-taint');
    expect(cause?.detail).toContain('sku=gpu:NoSchedule');
  });

  it('when an untainted node has the GPU too, it is full: capacity binds', () => {
    const cause = chooseSchedulingCause(gpuMessage, pending({ cpu: '4', 'amd.com/gpu': '1' }), [...gpuNodes, node('cpu-a', {}, { 'amd.com/gpu': '2' }), ...cpuNodes.slice(1)]);
    expect(cause?.category).toBe('insufficient-resources');
  });

  it('a partial node list decides nothing it cannot see', () => {
    const cause = chooseSchedulingCause(gpuMessage, pending({ cpu: '4', 'amd.com/gpu': '1' }), [gpuNodes[0]!, cpuNodes[0]!]);
    expect(cause?.category).toBe('insufficient-resources');
  });

  it('without node objects, a taint named like the extended resource points at the tainted device nodes', () => {
    const parsed = parseSchedulingMessage('0/7 nodes are available: 2 node(s) had untolerated taint {nvidia.com/gpu: present}, 5 Insufficient nvidia.com/gpu.');
    expect(chooseSchedulingCause(parsed, pending({ 'nvidia.com/gpu': '1' }), [])?.category).toBe('untolerated-taint');
    const cpu = parseSchedulingMessage('0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: batch}, 3 Insufficient cpu.');
    expect(chooseSchedulingCause(cpu, pending({ cpu: '4' }), [])?.category).toBe('insufficient-resources');
  });

  it('nodes that are simply full stay a capacity problem next to a control-plane taint', () => {
    const parsed = parseSchedulingMessage('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient memory.');
    const nodes = [node('cp', {}, { memory: '8Gi' }, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]), ...cpuNodes];
    expect(chooseSchedulingCause(parsed, pending({ memory: '6Gi' }), nodes)?.category).toBe('insufficient-resources');
  });
});

describe('volume pinned to a zone with no schedulable node', () => {
  const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
  const claim: K8sObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-pg-1', namespace: 'shop' }, spec: { volumeName: 'pvc-71c3' }, status: { phase: 'Bound' } } as K8sObject;
  const pv = (key: string, value: string): K8sObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-71c3' }, spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values: [value] }] }] } } } } as K8sObject);
  const pod = pending({ memory: '6Gi' }, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-pg-1' } }] });
  const message = parseSchedulingMessage('0/4 nodes are available: 1 Insufficient memory, 3 node(s) had volume node affinity conflict. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.');
  const nodes = [node('n1', zone('europe-west1-b'), {}), node('n2', zone('europe-west1-b'), {}), node('n3', zone('europe-west1-c'), {}), node('n4', zone('europe-west1-c'), {})];

  it('names the zone when no node is left there (driver zone key matched to the standard label)', () => {
    const snapshot = makeSnapshot({ objects: [pod, claim, pv('topology.gke.io/zone', 'europe-west1-d'), ...nodes] });
    const cause = chooseSchedulingCause(message, pod, nodes, pinnedVolumes(snapshot, pod));
    expect(cause?.category).toBe('node-affinity-mismatch');
    expect(cause?.detail).toContain('europe-west1-d');
  });

  it('a node in the volume\'s zone that is only full is a capacity problem', () => {
    const snapshot = makeSnapshot({ objects: [pod, claim, pv('topology.kubernetes.io/zone', 'europe-west1-c'), ...nodes] });
    expect(chooseSchedulingCause(message, pod, nodes, pinnedVolumes(snapshot, pod))?.category).toBe('insufficient-resources');
  });

  it('a cordoned node in the zone does not count', () => {
    const cordoned = nodes.map((n) => (n.metadata.labels?.['topology.kubernetes.io/zone'] === 'europe-west1-c' ? { ...n, spec: { ...n.spec, unschedulable: true } } : n));
    const snapshot = makeSnapshot({ objects: [pod, claim, pv('topology.kubernetes.io/zone', 'europe-west1-c'), ...cordoned] });
    expect(chooseSchedulingCause(message, pod, cordoned, pinnedVolumes(snapshot, pod))?.category).toBe('node-affinity-mismatch');
  });
});

describe('taints the scheduler did not name', () => {
  it('names the key from the nodes and, for a lifecycle taint, says to fix the nodes instead of tolerating it', async () => {
    const { failedScheduling } = await import('./detectors/failed-scheduling.js');
    const { makeEvent } = await import('../../test/helpers/builders.js');
    const uninitialized = [{ key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' }];
    const pod = pending({ cpu: '100m' });
    const snapshot = makeSnapshot({
      objects: [pod, node('w1', {}, {}, uninitialized), node('w2', {}, {}, uninitialized), node('cp', {}, {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }])],
      events: [makeEvent({ reason: 'FailedScheduling', name: 'trainer-0', message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had untolerated taint(s). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' })],
    });
    const [finding] = failedScheduling.detect(snapshot);
    expect(finding?.category).toBe('untolerated-taint');
    expect(finding?.rootCause).toContain('node.cloudprovider.kubernetes.io/uninitialized');
    expect(finding?.fixes[0]?.description).toContain('cloud-controller-manager');
    expect(finding?.fixes.some((f) => f.patch?.includes('tolerations'))).toBe(false);
  });
});

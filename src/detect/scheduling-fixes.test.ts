import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../domain/k8s-objects.js';
import { makeContainer, makePod, makeSnapshot } from '../../test/helpers/builders.js';
import { capacityFixes, placementFixes } from './scheduling-fixes.js';

const node = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}): K8sObject =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, status: { allocatable: { cpu: '7910m', memory: '15623184Ki', pods: '58' } }, ...extra }) as K8sObject;

describe('capacityFixes', () => {
  it('says when a request is larger than any node can ever offer', () => {
    const pod = makePod({ phase: 'Pending', containers: [makeContainer({ resources: { requests: { memory: '24Gi', cpu: '2' } } })] });
    const text = capacityFixes(makeSnapshot({ objects: [pod, node('n1', {}), node('n2', {})] }), pod, ['memory']).map((f) => f.description).join('\n');
    expect(text).toContain('24Gi');
    expect(text).toContain('15623184Ki');
    expect(text).toContain('no node can ever fit it');
  });
});

describe('placementFixes', () => {
  it('names the nodeSelector value and the values nodes really carry', () => {
    const pod = makePod({ phase: 'Pending', spec: { nodeSelector: { 'example.com/tier': 'gold' } } });
    const snapshot = makeSnapshot({ objects: [pod, node('n1', { 'example.com/tier': 'silver' })] });
    const text = placementFixes(snapshot, pod, [{ count: 1, kind: 'node-affinity', text: "node(s) didn't match Pod's node affinity/selector" }]).map((f) => `${f.description} ${f.command ?? ''}`).join('\n');
    expect(text).toContain('example.com/tier: gold');
    expect(text).toContain('example.com/tier=silver');
  });

  it('points at the cordoned node and whenUnsatisfiable for topology spread', () => {
    const pod = makePod({ phase: 'Pending', spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }] } });
    const snapshot = makeSnapshot({ objects: [pod, node('a1', { 'topology.kubernetes.io/zone': 'z-a' }), node('c1', { 'topology.kubernetes.io/zone': 'z-c' }, { spec: { unschedulable: true } })] });
    const fixes = placementFixes(snapshot, pod, [{ count: 1, kind: 'topology-spread', text: "node(s) didn't match pod topology spread constraints" }]);
    expect(fixes[0]!.description).toContain('z-c');
    expect(fixes[0]!.description).toContain('whenUnsatisfiable: ScheduleAnyway');
    expect(fixes[0]!.command).toBe('kubectl uncordon c1');
  });

  it('names the zone a bound volume is pinned to', () => {
    const pod = makePod({ phase: 'Pending', spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }] } });
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-db-0', namespace: 'shop' }, spec: { volumeName: 'pvc-123' }, status: { phase: 'Bound' } } as K8sObject;
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-123' }, spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['z-a'] }] }] } } } } as K8sObject;
    const snapshot = makeSnapshot({ objects: [pod, claim, pv, node('b1', { 'topology.kubernetes.io/zone': 'z-b' })] });
    const text = placementFixes(snapshot, pod, [{ count: 1, kind: 'volume-affinity', text: 'node(s) had volume node affinity conflict' }]).map((f) => f.description).join('\n');
    expect(text).toContain('PVC data-db-0');
    expect(text).toContain('z-a');
  });
});

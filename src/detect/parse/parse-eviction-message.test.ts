import { describe, expect, it } from 'vitest';
import { isOwnLimit, parseEvictionMessage } from './parse-eviction-message.js';

describe('parseEvictionMessage', () => {
  it('reads node memory pressure with the heaviest container (1.26+ wording)', () => {
    const parsed = parseEvictionMessage('The node was low on resource: memory. Threshold quantity: 100Mi, available: 48920Ki. Container worker was using 1843Mi, request is 256Mi, has larger consumption of memory. ');
    expect(parsed).toMatchObject({ kind: 'node-pressure', resource: 'memory', threshold: '100Mi', available: '48920Ki' });
    expect(parsed.containers).toEqual([{ name: 'worker', using: '1843Mi', request: '256Mi' }]);
  });
  it('reads the older "which exceeds its request of" wording and several containers', () => {
    const parsed = parseEvictionMessage('The node was low on resource: ephemeral-storage. Container prometheus was using 20Ki, which exceeds its request of 0. Container thanos was using 16Ki, which exceeds its request of 0. ');
    expect(parsed.kind).toBe('node-pressure');
    expect(parsed.resource).toBe('ephemeral-storage');
    expect(parsed.containers.map((c) => c.name)).toEqual(['prometheus', 'thanos']);
  });
  it('reads an emptyDir over its sizeLimit as the pod\'s own limit', () => {
    const parsed = parseEvictionMessage('Usage of EmptyDir volume "render-cache" exceeds the limit "512Mi". ');
    expect(parsed).toMatchObject({ kind: 'emptydir-limit', volume: 'render-cache', limit: '512Mi', resource: 'ephemeral-storage' });
    expect(isOwnLimit(parsed.kind)).toBe(true);
  });
  it('reads a container over its ephemeral-storage limit', () => {
    expect(parseEvictionMessage('Container log-shipper exceeded its local ephemeral storage limit "1Gi". ')).toMatchObject({ kind: 'container-storage-limit', container: 'log-shipper', limit: '1Gi' });
  });
  it('reads the pod-wide total ephemeral-storage limit', () => {
    expect(parseEvictionMessage('Pod ephemeral local storage usage exceeds the total limit of containers 3Gi. ')).toMatchObject({ kind: 'pod-storage-limit', limit: '3Gi' });
  });
  it('reads an admission refusal on a node condition', () => {
    expect(parseEvictionMessage('Pod The node had condition: [DiskPressure]. ')).toMatchObject({ kind: 'node-condition', condition: 'DiskPressure', resource: 'ephemeral-storage' });
  });
  it('does not invent a resource for a message it does not know', () => {
    const parsed = parseEvictionMessage('Pod was rejected: Node didn\'t have enough resource: cpu, requested: 2000, used: 3500, capacity: 4000');
    expect(parsed.kind).toBe('other');
    expect(isOwnLimit(parsed.kind)).toBe(false);
  });
});

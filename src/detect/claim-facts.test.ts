import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { makeEvent, makePod, makeSnapshot, makeWorkload } from '../../test/helpers/builders.js';
import { DETECTORS } from './detector-registry.js';
import { resolveFindings } from './resolve-findings.js';
import { runDetectors } from './run-detectors.js';

const resolve = (snapshot: Snapshot) => resolveFindings(snapshot, runDetectors(snapshot, DETECTORS).findings);

const claim = (modes: string[], sc: string): K8sObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'media-uploads', namespace: 'shop' }, spec: { accessModes: modes, storageClassName: sc, resources: { requests: { storage: '20Gi' } } }, status: { phase: 'Pending' } } as K8sObject);
const storageClass = (name: string, provisioner: string): K8sObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: 'WaitForFirstConsumer' } as K8sObject);
const pod = makePod({ phase: 'Pending', containerStatuses: [], createdMinutesAgo: 40, spec: { volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'media-uploads' } }] }, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "media-uploads"' }] });
const deployment = makeWorkload('Deployment', 'web', { status: { replicas: 1, unavailableReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-7d9f8c6b5" has timed out progressing.' }] } });
const provisioningFailed = (message: string) => makeEvent({ kind: 'PersistentVolumeClaim', name: 'media-uploads', reason: 'ProvisioningFailed', count: 9, message });

describe('PVCs whose provisioning failed', () => {
  it('RWX on a block-disk class: pvc-unbound naming the claim and the driver error, outranking the stuck rollout', () => {
    const snapshot = makeSnapshot({
      target: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      objects: [deployment, makeWorkload('ReplicaSet', 'web-7d9f8c6b5', { owner: { kind: 'Deployment', name: 'web' } }), pod, claim(['ReadWriteMany'], 'managed-premium'), storageClass('managed-premium', 'disk.csi.azure.com')],
      events: [
        makeEvent({ reason: 'FailedScheduling', message: 'running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "media-uploads"' }),
        provisioningFailed('failed to provision volume with StorageClass "managed-premium": rpc error: code = InvalidArgument desc = Volume capability not supported'),
      ],
    });
    const resolution = resolve(snapshot);
    expect(resolution.category).toBe('pvc-unbound');
    const primary = resolution.findings[0]!;
    expect(primary.rootCause).toContain('media-uploads');
    expect(primary.rootCause).toContain('Volume capability not supported');
    expect(primary.fixes[0]!.description).toContain('ReadWriteOnce');
  });

  it('with the scheduler event gone, the claim\'s own ProvisioningFailed still explains the Pending pod', () => {
    const quiet = makePod({ phase: 'Pending', containerStatuses: [], createdMinutesAgo: 40, spec: { volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'media-uploads' } }] }, conditions: [{ type: 'PodScheduled', status: 'False' }] });
    const snapshot = makeSnapshot({ objects: [quiet, claim(['ReadWriteOnce'], 'fast-ssd')], events: [provisioningFailed('storageclass.storage.k8s.io "fast-ssd" not found')] });
    const resolution = resolve(snapshot);
    expect(resolution.category).toBe('pvc-unbound');
    expect(resolution.findings[0]!.fixes[0]!.description).toContain('fast-ssd');
  });

  it('a claim waiting for its first consumer is not blamed when the pod cannot be scheduled for cpu', () => {
    const cpuPod = makePod({ phase: 'Pending', containerStatuses: [], createdMinutesAgo: 40, spec: { volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'media-uploads' } }] }, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' }] });
    const snapshot = makeSnapshot({ objects: [cpuPod, claim(['ReadWriteOnce'], 'gp3')], events: [makeEvent({ kind: 'PersistentVolumeClaim', name: 'media-uploads', type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' })] });
    expect(resolve(snapshot).category).toBe('insufficient-resources');
  });
});

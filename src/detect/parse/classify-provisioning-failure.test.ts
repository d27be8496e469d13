import { describe, expect, it } from 'vitest';
import { classifyProvisioningFailure } from './classify-provisioning-failure.js';

describe('classifyProvisioningFailure', () => {
  it('reads an access mode the CSI driver cannot provide', () => {
    const parsed = classifyProvisioningFailure('failed to provision volume with StorageClass "managed-premium": rpc error: code = InvalidArgument desc = Volume capability not supported');
    expect(parsed).toEqual({ problem: 'access-mode', storageClass: 'managed-premium', detail: 'Volume capability not supported' });
  });
  it('reads a missing StorageClass', () => {
    expect(classifyProvisioningFailure('storageclass.storage.k8s.io "fast-ssd" not found')).toMatchObject({ problem: 'storage-class-missing', storageClass: 'fast-ssd' });
  });
  it('reads cloud IAM refusals', () => {
    const parsed = classifyProvisioningFailure('failed to provision volume with StorageClass "gp3": rpc error: code = Internal desc = Could not create volume "pvc-1f2e": could not create volume in EC2: operation error EC2: CreateVolume, https response error StatusCode: 403, api error UnauthorizedOperation: You are not authorized to perform this operation.');
    expect(parsed.problem).toBe('unauthorized');
  });
  it('reads quota and capacity errors', () => {
    expect(classifyProvisioningFailure('failed to provision volume with StorageClass "standard-rwo": rpc error: code = ResourceExhausted desc = QUOTA_EXCEEDED: Quota \'SSD_TOTAL_GB\' exceeded. Limit: 500.0 in region europe-west1.').problem).toBe('quota');
    expect(classifyProvisioningFailure('failed to provision volume with StorageClass "local-lvm": rpc error: code = ResourceExhausted desc = no space left in volume group vg0').problem).toBe('capacity');
  });
  it('keeps an unknown driver error as it is', () => {
    const parsed = classifyProvisioningFailure('failed to provision volume with StorageClass "ceph-rbd": rpc error: code = DeadlineExceeded desc = context deadline exceeded');
    expect(parsed).toMatchObject({ problem: 'other', storageClass: 'ceph-rbd', detail: 'context deadline exceeded' });
  });
});

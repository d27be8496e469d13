/**
 * What a ProvisioningFailed event on a PVC says went wrong. The external-provisioner writes
 * `failed to provision volume with StorageClass "<sc>": <error from the CSI driver>`, e.g.
 * `rpc error: code = InvalidArgument desc = Volume capability not supported` (Azure Disk asked
 * for ReadWriteMany), `... UnauthorizedOperation: You are not authorized ...` (EBS IAM);
 * the in-tree binder writes `storageclass.storage.k8s.io "<sc>" not found`.
 */
export type ProvisioningProblem = 'access-mode' | 'storage-class-missing' | 'quota' | 'unauthorized' | 'capacity' | 'zone' | 'other';

export interface ProvisioningFailure {
  problem: ProvisioningProblem;
  storageClass?: string;
  /** The driver's own words, without the wrapping. */
  detail: string;
}

export function classifyProvisioningFailure(message: string): ProvisioningFailure {
  const storageClass = /with StorageClass "([^"]+)"/.exec(message)?.[1] ?? /storageclass(?:\.storage\.k8s\.io)? "([^"]+)" not found/i.exec(message)?.[1];
  const full = (/desc = (.+)$/.exec(message)?.[1] ?? message.replace(/^failed to provision volume with StorageClass "[^"]+":\s*/, '')).trim();
  // Cloud SDK errors run to several hundred characters; the event evidence keeps the whole text.
  const detail = full.length > 240 ? `${full.slice(0, 237)}...` : full;
  const base = { ...(storageClass ? { storageClass } : {}), detail };
  if (/storageclass(?:\.storage\.k8s\.io)? "[^"]+" not found/i.test(message)) return { problem: 'storage-class-missing', ...base };
  if (/volume capabilit(?:y|ies) not supported|access ?modes? .*(?:not supported|unsupported)|unsupported access ?mode|MULTI_NODE_MULTI_WRITER|ReadWriteMany.*not supported/i.test(message)) return { problem: 'access-mode', ...base };
  if (/exceeded quota|QuotaExceeded|VolumeLimitExceeded|quota .*exceeded|LimitExceeded/i.test(message)) return { problem: 'quota', ...base };
  if (/UnauthorizedOperation|AccessDenied|not authorized|Forbidden|permission denied|AuthorizationFailed|does not have (?:the )?permission/i.test(message)) return { problem: 'unauthorized', ...base };
  if (/out of (?:space|capacity)|insufficient (?:capacity|space)|InsufficientVolumeCapacity|no space left|ResourceExhausted/i.test(message)) return { problem: 'capacity', ...base };
  if (/zone|topology|AvailabilityZone/i.test(message) && /not (?:available|supported|accessible)|invalid|does not exist/i.test(message)) return { problem: 'zone', ...base };
  return { problem: 'other', ...base };
}

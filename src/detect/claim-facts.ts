import type { Evidence, Fix } from '../domain/diagnosis.js';
import type { K8sObject, PersistentVolumeClaim, Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { eventLastSeen, eventsFor, findObject } from '../domain/snapshot-view.js';
import { classifyProvisioningFailure, type ProvisioningFailure } from './parse/classify-provisioning-failure.js';
import { cleanMessage } from './pod-facts.js';

/** A claim the pod mounts that is not bound, with what its provisioner said. */
export interface UnboundClaim {
  name: string;
  volume: string;
  claim?: PersistentVolumeClaim;
  storageClass?: string;
  provisioner?: string;
  accessModes: string[];
  failure?: ProvisioningFailure & { message: string };
}

export function unboundClaims(snapshot: Snapshot, pod: Pod): UnboundClaim[] {
  const ns = pod.metadata.namespace;
  return (pod.spec?.volumes ?? []).flatMap((volume) => {
    const name = volume.persistentVolumeClaim?.claimName;
    if (!name) return [];
    const claim = findObject<PersistentVolumeClaim>(snapshot, 'PersistentVolumeClaim', name, ns);
    if (claim?.status?.phase === 'Bound') return [];
    const storageClass = claim?.spec?.storageClassName ?? undefined;
    const sc = storageClass ? findObject<K8sObject & { provisioner?: string }>(snapshot, 'StorageClass', storageClass) : undefined;
    const failed = eventsFor(snapshot, 'PersistentVolumeClaim', name)
      .filter((e) => e.type === 'Warning' && e.reason === 'ProvisioningFailed' && (!e.involvedObject.namespace || e.involvedObject.namespace === ns))
      .sort((a, b) => eventLastSeen(b) - eventLastSeen(a))[0];
    const message = failed ? cleanMessage(failed.message) : undefined;
    return [{
      name, volume: volume.name, ...(claim ? { claim } : {}), ...(storageClass ? { storageClass } : {}),
      ...(sc?.provisioner ? { provisioner: sc.provisioner } : {}),
      accessModes: claim?.spec?.accessModes ?? [],
      ...(message ? { failure: { ...classifyProvisioningFailure(message), message } } : {}),
    }];
  });
}

/** One sentence naming the claim and what blocks it. */
export function describeClaim(claim: UnboundClaim): string {
  if (!claim.claim) return `PersistentVolumeClaim ${claim.name} does not exist`;
  const asks = `PVC ${claim.name} (${claim.accessModes.join(', ') || 'no access mode'}, storageClassName ${claim.storageClass ?? '(default)'}) is ${claim.claim.status?.phase ?? 'Pending'}`;
  return claim.failure ? `${asks}: provisioning failed: ${claim.failure.detail}` : asks;
}

export function claimEvidence(snapshot: Snapshot, claims: readonly UnboundClaim[], pod: Pod): Evidence[] {
  const evidence: Evidence[] = [];
  for (const claim of claims) {
    if (!claim.claim) {
      evidence.push({ source: 'spec', text: `PersistentVolumeClaim ${claim.name} is not in the snapshot (it may not exist)`, location: `pod/${pod.metadata.name} volume ${claim.volume}` });
      continue;
    }
    evidence.push({ source: 'status', text: `PersistentVolumeClaim ${claim.name}: ${claim.claim.status?.phase ?? 'Pending'}, accessModes: ${claim.accessModes.join(', ') || '-'}, storageClassName: ${claim.storageClass ?? '(default)'}${claim.provisioner ? ` (${claim.provisioner})` : ''}`, location: `persistentvolumeclaim/${claim.name}` });
    const complaint = claim.failure
      ? { reason: 'ProvisioningFailed', message: claim.failure.message }
      : eventsFor(snapshot, 'PersistentVolumeClaim', claim.name).filter((e) => e.type === 'Warning').map((e) => ({ reason: e.reason ?? 'Warning', message: cleanMessage(e.message) }))[0];
    if (complaint) evidence.push({ source: 'event', text: `${complaint.reason}: ${complaint.message}`, location: `event ${complaint.reason} on persistentvolumeclaim/${claim.name}` });
  }
  return evidence.slice(0, 4);
}

// Drivers that serve many nodes at once; block-disk drivers (Azure Disk, EBS, PD, Cinder, RBD block) do not.
const RWX_EXAMPLES = 'a file-based class: azurefile-csi on AKS, efs.csi.aws.com on EKS, filestore.csi.storage.gke.io on GKE, or NFS/CephFS';

export function claimFixes(claims: readonly UnboundClaim[], namespace: string): Fix[] {
  const fixes: Fix[] = [];
  for (const claim of claims) {
    const recreate = `kubectl get pvc ${claim.name} -n ${namespace} -o yaml > pvc.yaml  # edit, then: kubectl delete pvc ${claim.name} -n ${namespace} && kubectl apply -f pvc.yaml`;
    switch (claim.failure?.problem) {
      case 'access-mode':
        fixes.push({
          description: `PVC ${claim.name} asks for ${claim.accessModes.join(', ') || 'an access mode'} that StorageClass ${claim.storageClass ?? ''}${claim.provisioner ? ` (${claim.provisioner})` : ''} cannot provide (${claim.failure.detail}). Use ReadWriteOnce if one pod mounts it, or ${RWX_EXAMPLES}; accessModes and storageClassName cannot be changed on an existing claim, so re-create it`,
          command: recreate,
        });
        break;
      case 'storage-class-missing':
        fixes.push({ description: `StorageClass ${claim.failure.storageClass ?? claim.storageClass} of PVC ${claim.name} does not exist: set storageClassName to one that does (re-create the claim)`, command: `kubectl get storageclass` });
        break;
      case 'quota':
        fixes.push({ description: `The provider refused the volume for PVC ${claim.name} on quota (${claim.failure.detail}): raise the quota or request less storage`, command: `kubectl describe pvc ${claim.name} -n ${namespace}` });
        break;
      case 'unauthorized':
        fixes.push({ description: `The CSI controller${claim.provisioner ? ` of ${claim.provisioner}` : ''} is not allowed to create volumes for PVC ${claim.name} (${claim.failure.detail}): give its service account / cloud role the create-volume permission`, command: `kubectl describe pvc ${claim.name} -n ${namespace}` });
        break;
      default:
        fixes.push({
          description: claim.claim
            ? `See why PVC ${claim.name} is not bound${claim.failure ? ` (provisioner: ${claim.failure.detail})` : ''}: storage class, provisioner, capacity`
            : `Create PersistentVolumeClaim ${claim.name}, or fix the claimName the pod refers to`,
          command: `kubectl describe pvc ${claim.name} -n ${namespace}`,
        });
    }
  }
  return fixes;
}

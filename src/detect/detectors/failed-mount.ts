import type { Fix } from '../../domain/diagnosis.js';
import type { PersistentVolumeClaim, Pod, Volume, Workload } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { findObject, objectsOfKind } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { parseConfigReference } from '../parse/parse-config-reference.js';
import { activePods, cleanMessage, patchTarget, podEvents, warningEvents } from '../pod-facts.js';

const id = 'failed-mount';

/**
 * FailedMount / FailedAttachVolume: `MountVolume.SetUp failed for volume "x" : ...`,
 * `AttachVolume.Attach failed for volume "pvc-1" : ...`, `Multi-Attach error for volume ...`,
 * `Unable to attach or mount volumes: unmounted volumes=[data] ...`. A mount failing because a
 * ConfigMap/Secret is missing is reported as that, since creating it is the fix.
 */
export const failedMount: Detector = {
  id,
  description: 'Volumes that cannot be attached or mounted (FailedMount, FailedAttachVolume, Multi-Attach).',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) => {
      if (pod.status?.phase !== 'Pending' && !(pod.status?.containerStatuses ?? []).some((s) => s.state?.waiting?.reason === 'ContainerCreating')) return [];
      const events = warningEvents(podEvents(snapshot, pod), /^(FailedMount|FailedAttachVolume)$/);
      if (events.length === 0) return [];
      // The specific SetUp/Attach message explains the generic "Unable to attach or mount" timeout.
      const specific = events.find((e) => /MountVolume|AttachVolume|Multi-Attach|MapVolume/.test(e.message ?? '')) ?? events[0]!;
      const message = cleanMessage(specific.message);
      const reference = parseConfigReference(message);
      const volume = /volume "([^"]+)"/.exec(message)?.[1] ?? /unmounted volumes=\[([^\]]+)\]/.exec(message)?.[1] ?? '';
      // Attach errors name the PersistentVolume (pvc-<uid>), mount errors the pod's volume: map either to the claim.
      const boundTo = objectsOfKind<PersistentVolumeClaim>(snapshot, 'PersistentVolumeClaim').find((c) => c.spec?.volumeName === volume)?.metadata.name;
      const spec = (pod.spec?.volumes ?? []).find((v) => v.name === volume || (boundTo !== undefined && v.persistentVolumeClaim?.claimName === boundTo));
      const claim = spec?.persistentVolumeClaim?.claimName ?? boundTo;
      const nfs = /-t nfs\S*\s+(?:-o\s+\S+\s+)?([\w.-]+):(\/\S*)/.exec(message) ?? nfsOf(spec);
      const ns = pod.metadata.namespace;
      if (reference?.name) {
        const kind = reference.kind === 'Secret' ? 'secret' : 'configmap';
        return [makeFinding({
          snapshot, subject: pod, detector: id, category: reference.category, severity: 'critical', container: null,
          title: reference.key ? `Volume ${volume} needs key ${reference.key} missing from ${reference.kind} ${reference.name ?? ''}` : `Volume ${volume} needs ${reference.kind} ${reference.name}, which does not exist`,
          rootCause: `Pod ${pod.metadata.name} cannot start because volume ${volume} refers to ${reference.kind} ${reference.name}${reference.key ? ` key ${reference.key}, which it does not contain` : `, which does not exist in namespace ${ns}`}.`,
          evidence: [eventEvidence(snapshot, specific), statusEvidence(pod, null, 'Status: Pending (ContainerCreating)')],
          fixes: [
            { description: `Create ${reference.kind} ${reference.name} in ${ns} (or fix the volume's reference, or mark it optional)`, command: `kubectl create ${kind === 'secret' ? 'secret generic' : 'configmap'} ${reference.name} -n ${ns} --from-file=<file>` },
            { description: `List the ${kind}s that exist`, command: `kubectl get ${kind}s -n ${ns}` },
          ],
          confidence: 0.9,
          key: `${reference.category} ${reference.kind} ${reference.name} ${reference.key ?? ''}`,
        })];
      }
      const attach = /Attach/.test(specific.reason ?? '') || /AttachVolume|Multi-Attach/.test(message);
      return [makeFinding({
        snapshot, subject: pod, detector: id, category: 'volume-mount-failure', severity: 'critical', container: null,
        title: `Volume ${volume || '(unknown)'} cannot be ${attach ? 'attached' : 'mounted'}`,
        rootCause: `Pod ${pod.metadata.name} is stuck in ContainerCreating because volume ${volume || '(unknown)'}${claim ? ` (PVC ${claim})` : ''} cannot be ${attach ? 'attached to' : 'mounted on'} node ${pod.spec?.nodeName ?? ''}: ${message.slice(0, 300)}.`,
        evidence: [...events.slice(0, 2).map((e) => eventEvidence(snapshot, e)), statusEvidence(pod, null, 'Status: Pending (ContainerCreating)')],
        fixes: [
          ...(claim ? [{ description: `Check PVC ${claim} and its volume attachment`, command: `kubectl describe pvc ${claim} -n ${ns} && kubectl get volumeattachments | grep $(kubectl get pvc ${claim} -n ${ns} -o jsonpath='{.spec.volumeName}')` }] : []),
          ...(/Multi-Attach/.test(message) ? multiAttachFixes(snapshot, pod, claim ?? volume) : []),
          ...(nfs?.[1] ? [{ description: `The node cannot mount NFS export ${nfs[1]}:${nfs[2] ?? '/'}: check that server ${nfs[1]} is up, exports that path to node ${pod.spec?.nodeName ?? ''} and that NFS ports (2049, 111) are open between them`, command: `showmount -e ${nfs[1]}   # from the node; then: nc -zv ${nfs[1]} 2049` }] : []),
          { description: 'Check the CSI driver / storage backend logs on the node for the mount error', command: `kubectl get pods -n kube-system -o wide | grep -i csi` },
        ],
        confidence: 0.85,
        key: `mount ${volume}`,
      })];
    });
  },
};

function nfsOf(volume: Volume | undefined): (string | undefined)[] | null {
  const nfs = volume?.nfs as { server?: string; path?: string } | undefined;
  return nfs?.server ? [undefined, nfs.server, nfs.path] : null;
}

/**
 * A ReadWriteOnce volume still attached elsewhere: either an old pod holds it (a rolling update
 * of a single-replica Deployment deadlocks on it) or the node it was attached to is gone.
 */
function multiAttachFixes(snapshot: Snapshot, pod: Pod, claim: string): Fix[] {
  const fixes: Fix[] = [];
  const target = patchTarget(snapshot, pod);
  const deployment = target.kind === 'Deployment' ? findObject<Workload>(snapshot, 'Deployment', target.name, target.namespace) : undefined;
  const rolling = deployment && (deployment.spec?.strategy as { type?: string } | undefined)?.type !== 'Recreate';
  if (rolling) {
    fixes.push({ description: `Deployment ${target.name} rolls with RollingUpdate, so the new pod needs ${claim} while the old pod still holds it: use strategy Recreate for a ReadWriteOnce volume (or a StatefulSet)`, command: `kubectl patch deployment/${target.name} -n ${target.namespace} --type merge -p '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}'` });
  }
  fixes.push({ description: `The disk of ${claim} is still attached to another node: delete the old pod holding it, or if that node is dead, remove the node (or taint it node.kubernetes.io/out-of-service=nodeshutdown:NoExecute) so the attach-detach controller releases the disk`, command: `kubectl get volumeattachments -o wide | grep $(kubectl get pvc ${claim} -n ${pod.metadata.namespace} -o jsonpath='{.spec.volumeName}')` });
  return fixes;
}

import type { Detector } from '../detector.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { parseConfigReference } from '../parse/parse-config-reference.js';
import { activePods, cleanMessage, podEvents, warningEvents } from '../pod-facts.js';

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
      const spec = (pod.spec?.volumes ?? []).find((v) => v.name === volume);
      const claim = spec?.persistentVolumeClaim?.claimName;
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
          ...(/Multi-Attach/.test(message) ? [{ description: 'A ReadWriteOnce volume is still attached to another node: delete the old pod (or wait for it to terminate) so the volume detaches' }] : []),
          { description: 'Check the CSI driver / storage backend logs on the node for the mount error', command: `kubectl get pods -n kube-system -o wide | grep -i csi` },
        ],
        confidence: 0.85,
        key: `mount ${volume}`,
      })];
    });
  },
};

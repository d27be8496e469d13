import type { Fix } from '../domain/diagnosis.js';
import type { Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { isInitContainer, patchTarget } from './pod-facts.js';

/** Copy-pasteable fixes with the real names; shared so every detector phrases them alike. */

export function previousLogsFix(pod: Pod, container: string): Fix {
  return {
    description: `Read the log of the crashed run of container ${container}`,
    command: `kubectl logs ${pod.metadata.name} -n ${pod.metadata.namespace} -c ${container} --previous --tail=200`,
  };
}

export function describePodFix(pod: Pod): Fix {
  return { description: 'Look at the pod status and its recent events', command: `kubectl describe pod ${pod.metadata.name} -n ${pod.metadata.namespace}` };
}

/** A strategic-merge patch that changes one container field, applied to the owning workload. */
export function containerPatchFix(snapshot: Snapshot, pod: Pod, container: string, description: string, fieldYaml: string): Fix {
  const target = patchTarget(snapshot, pod);
  // Strategic merge matches list entries by name within the list they live in.
  const list = isInitContainer(pod, container) ? 'initContainers' : 'containers';
  const indented = fieldYaml.split('\n').map((l) => `        ${l}`).join('\n');
  const patch = target.bare
    ? `spec:\n  ${list}:\n  - name: ${container}\n${indented.replace(/^ {4}/gm, '')}`
    : `spec:\n  template:\n    spec:\n      ${list}:\n      - name: ${container}\n${indented}`;
  const fix: Fix = {
    description: target.bare ? `${description} (a bare pod cannot be patched in place: edit its manifest and recreate it)` : description,
    patch,
  };
  if (!target.bare) fix.command = `kubectl patch ${target.ref} -n ${target.namespace} --type strategic --patch-file patch.yaml`;
  return fix;
}

export function rolloutRef(snapshot: Snapshot, pod: Pod): string {
  const target = patchTarget(snapshot, pod);
  return `${target.ref} -n ${target.namespace}`;
}

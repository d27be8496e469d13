import type { Fix } from '../domain/diagnosis.js';
import type { Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { isInitContainer, patchTarget } from './pod-facts.js';

/** Copy-pasteable fixes with the real names; shared so every detector phrases them alike. */

const DESCRIBE_POD = 'Look at the pod status and its recent events';
const READ_PREVIOUS_LOG = 'Read the log of the crashed run of container ';

export function previousLogsFix(pod: Pod, container: string): Fix {
  return {
    description: `${READ_PREVIOUS_LOG}${container}`,
    command: `kubectl logs ${pod.metadata.name} -n ${pod.metadata.namespace} -c ${container} --previous --tail=200`,
  };
}

export function describePodFix(pod: Pod): Fix {
  return { description: DESCRIBE_POD, command: `kubectl describe pod ${pod.metadata.name} -n ${pod.metadata.namespace}` };
}

/** The investigation steps every crash gets, as opposed to a step that fixes a named cause. */
export function isGenericFix(fix: Fix): boolean {
  return fix.description === DESCRIBE_POD || fix.description.startsWith(READ_PREVIOUS_LOG);
}

/** A strategic-merge patch that changes one container field, applied to the owning workload. */
export function containerPatchFix(snapshot: Snapshot, pod: Pod, container: string, description: string, fieldYaml: string): Fix {
  // Strategic merge matches list entries by name within the list they live in.
  const list = isInitContainer(pod, container) ? 'initContainers' : 'containers';
  const body = `${list}:\n- name: ${container}\n${fieldYaml.split('\n').map((l) => `  ${l}`).join('\n')}`;
  return podSpecPatchFix(snapshot, pod, description, body);
}

/**
 * A strategic-merge patch of the pod spec, wrapped for what owns the pod: a bare pod cannot be
 * patched in place, a CronJob keeps its template under jobTemplate, and a Job's template is
 * immutable, so it is changed in the manifest and the Job re-created.
 */
export function podSpecPatchFix(snapshot: Snapshot, pod: Pod, description: string, podSpecYaml: string): Fix {
  const target = patchTarget(snapshot, pod);
  const prefix = target.bare ? ['spec:'] : target.kind === 'CronJob' ? ['spec:', '  jobTemplate:', '    spec:', '      template:', '        spec:'] : ['spec:', '  template:', '    spec:'];
  const indent = ' '.repeat(prefix.length * 2);
  const patch = [...prefix, ...podSpecYaml.split('\n').map((l) => `${indent}${l}`)].join('\n');
  if (target.bare) return { description: `${description} (a bare pod cannot be patched in place: edit its manifest and recreate it)`, patch };
  if (target.kind === 'Job') {
    return {
      description: `${description} (a Job's pod template cannot be changed in place: apply this to the Job manifest, or the CronJob's jobTemplate, and re-create the Job)`,
      patch,
      command: `kubectl get job ${target.name} -n ${target.namespace} -o yaml > job.yaml  # edit, then: kubectl replace --force -f job.yaml`,
    };
  }
  return { description, patch, command: `kubectl patch ${target.ref} -n ${target.namespace} --type strategic --patch-file patch.yaml` };
}

export function rolloutRef(snapshot: Snapshot, pod: Pod): string {
  const target = patchTarget(snapshot, pod);
  return `${target.ref} -n ${target.namespace}`;
}

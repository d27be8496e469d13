import type { Category } from '../domain/categories.js';
import type { Evidence, Fix } from '../domain/diagnosis.js';
import type { Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { ExitCodeMeaning } from './parse/exit-code-meaning.js';
import { isForbidden, unreadableLogs } from './parse/log-access.js';

export interface UnreadableCrash {
  category: Category;
  rootCause: string;
  evidence: Evidence;
  fixes: Fix[];
}

/**
 * A generic exit code (1, 2, an unnamed signal) says only "the process gave up". What it gave up
 * on (its own bug, a bad setting, a dependency it could not reach) is in its log; when that log
 * could not be read, calling it an app crash would be a guess, so the finding says unknown.
 */
export function unreadableCrash(snapshot: Snapshot, pod: Pod, container: string, meaning: ExitCodeMeaning | undefined, exitCode: number | undefined): UnreadableCrash | undefined {
  if (meaning && (!meaning.generic || meaning.category !== 'app-crash')) return undefined;
  const reason = unreadableLogs(snapshot, pod.metadata.name, container);
  if (!reason) return undefined;
  const forbidden = isForbidden(reason);
  const ns = pod.metadata.namespace;
  return {
    category: 'unknown',
    rootCause: `Container ${container} exits${exitCode !== undefined ? ` with code ${exitCode}` : ''}, which alone cannot tell an application bug from bad configuration or an unreachable dependency, and its logs could not be read${forbidden ? ' (log access was forbidden)' : ''}: the cause is in kubectl logs --previous.`,
    evidence: { source: 'status', text: `Logs of container ${container} could not be read: ${reason}`, location: `pod/${pod.metadata.name} container ${container}` },
    fixes: [
      { description: `Read the log of the crashed run of ${container} (its last lines name the error)`, command: `kubectl logs ${pod.metadata.name} -n ${ns} -c ${container} --previous --tail=200` },
      ...(forbidden
        ? [{ description: `Log access was forbidden: ask for get on pods/log in namespace ${ns} (or run k8sdiag with a role that has it, see deploy/clusterrole.yaml) and diagnose again`, command: `kubectl auth can-i get pods/log -n ${ns}` }]
        : []),
    ],
  };
}

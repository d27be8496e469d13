import type { Container, Workload } from '../../domain/k8s-objects.js';
import { replicaSetsOf, targetObject } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { makeFinding } from '../make-finding.js';

const id = 'deployment-paused';

function images(workload: Workload | undefined): string[] {
  return (workload?.spec?.template?.spec?.containers ?? []).map((c: Container) => `${c.name}=${c.image ?? ''}`).sort();
}

/**
 * A paused Deployment whose template changed: no new ReplicaSet is created, so the change
 * never rolls out while the old pods keep looking healthy (Progressing reason DeploymentPaused).
 */
export const deploymentPaused: Detector = {
  id,
  description: 'Paused Deployments whose template has changed but cannot roll out (DeploymentPaused).',
  detect(snapshot) {
    const target = targetObject(snapshot) as Workload | undefined;
    if (!target || target.kind !== 'Deployment' || target.spec?.paused !== true) return [];
    const newest = replicaSetsOf(snapshot, target)[0];
    const wanted = images(target);
    const running = images(newest);
    const status = target.status ?? {};
    const behind = (status.updatedReplicas ?? 0) < (target.spec?.replicas ?? 1) || (newest !== undefined && wanted.join() !== running.join());
    if (!behind) return [];
    const progressing = status.conditions?.find((c) => c.type === 'Progressing');
    const name = target.metadata.name;
    const ns = target.metadata.namespace ?? snapshot.target.namespace;
    return [makeFinding({
      snapshot, subject: target, detector: id, category: 'rollout-stuck', severity: 'warning', container: null,
      title: `Deployment ${name} is paused, so its new template does not roll out`,
      rootCause: `Deployment ${name} is paused (spec.paused: true): its template ${wanted.length ? `(${wanted.join(', ')}) ` : ''}is not rolled out and ${status.updatedReplicas ?? 0}/${target.spec?.replicas ?? '?'} replicas are updated${newest ? `, pods still run ReplicaSet ${newest.metadata.name}${running.length ? ` (${running.join(', ')})` : ''}` : ''}.`,
      evidence: [
        { source: 'spec', text: 'spec.paused: true', location: `deployment/${name}` },
        ...(progressing ? [{ source: 'status' as const, text: `Progressing=${progressing.status}, Reason: ${progressing.reason ?? ''}${progressing.message ? `, Message: ${progressing.message}` : ''}`, location: `deployment/${name} conditions` }] : []),
        { source: 'status', text: `replicas ${status.replicas ?? '?'}, updated ${status.updatedReplicas ?? 0}, ready ${status.readyReplicas ?? 0}`, location: `deployment/${name} status` },
      ],
      fixes: [
        { description: 'Resume the rollout if the pause is no longer needed', command: `kubectl rollout resume deployment/${name} -n ${ns}` },
        { description: 'Watch it complete', command: `kubectl rollout status deployment/${name} -n ${ns}` },
      ],
      confidence: 0.85,
      key: 'paused',
    })];
  },
};

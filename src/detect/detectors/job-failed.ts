import type { Finding } from '../../domain/diagnosis.js';
import type { Workload } from '../../domain/k8s-objects.js';
import { targetObject } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { makeFinding } from '../make-finding.js';
import { jobSucceeded } from '../pod-facts.js';

const id = 'job-failed';

// What each terminal Job condition reason means, in the words of the Job controller's semantics.
const REASONS: Record<string, string> = {
  BackoffLimitExceeded: 'its pods failed more times than spec.backoffLimit allows',
  DeadlineExceeded: 'it ran longer than spec.activeDeadlineSeconds, so its running pods were stopped',
  PodFailurePolicy: 'a pod failed in a way its podFailurePolicy marks as fatal',
  MaxFailedIndexesExceeded: 'more indexes failed than spec.maxFailedIndexes allows',
  FailedIndexes: 'some indexes failed (backoffLimitPerIndex)',
};

/**
 * The Job's own verdict. A Job that succeeded after failed attempts is fine (retries within
 * backoffLimit are the design working): an info line. A Job that failed is failing; this finding
 * says so and carries the condition, while the cause comes from the failed pods' detectors.
 */
export const jobFailed: Detector = {
  id,
  description: 'Jobs that failed (BackoffLimitExceeded, DeadlineExceeded, podFailurePolicy), and completed Jobs whose earlier attempts failed (info).',
  detect(snapshot) {
    const job = targetObject(snapshot) as Workload | undefined;
    if (snapshot.target.kind !== 'Job' || job?.kind !== 'Job') return [];
    const conditions = job.status?.conditions ?? [];
    const failedCount = job.status?.failed ?? 0;
    const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True') ?? conditions.find((c) => c.type === 'FailureTarget' && c.status === 'True');
    const findings: Finding[] = [];
    if (!failed && jobSucceeded(job)) {
      if (failedCount === 0) return [];
      findings.push(makeFinding({
        snapshot, subject: job, detector: id, category: 'healthy', severity: 'info', container: null,
        title: `${failedCount} earlier attempt${failedCount > 1 ? 's' : ''} failed; the retry succeeded`,
        rootCause: `Job ${job.metadata.name} completed after ${failedCount} failed attempt${failedCount > 1 ? 's' : ''}, within its backoffLimit${typeof job.spec?.backoffLimit === 'number' ? ` of ${job.spec.backoffLimit}` : ''}; nothing to fix unless the failures recur on every run.`,
        evidence: [{ source: 'status', text: `Complete=True, succeeded ${job.status?.succeeded ?? 0}, failed ${failedCount}`, location: `job/${job.metadata.name}` }],
        fixes: [], confidence: 0.3, key: 'job-retried',
      }));
      return findings;
    }
    if (!failed) return [];
    const reason = failed.reason ?? 'Failed';
    const deadline = reason === 'DeadlineExceeded' && typeof job.spec?.activeDeadlineSeconds === 'number' ? ` (activeDeadlineSeconds ${job.spec.activeDeadlineSeconds})` : '';
    const backoff = reason === 'BackoffLimitExceeded' && typeof job.spec?.backoffLimit === 'number' ? ` (backoffLimit ${job.spec.backoffLimit}, failed ${failedCount})` : '';
    findings.push(makeFinding({
      snapshot, subject: job, detector: id, category: 'unknown', severity: 'critical', container: null,
      title: `Job ${job.metadata.name} failed: ${reason}`,
      rootCause: `Job ${job.metadata.name} failed because ${REASONS[reason] ?? (failed.message ?? 'its pods failed')}${deadline}${backoff}; the failed pods' status and logs say why they failed.`,
      evidence: [{ source: 'status', text: `Failed=True, Reason: ${reason}${failed.message ? `, Message: ${failed.message}` : ''}`, location: `job/${job.metadata.name}` }],
      fixes: [
        { description: 'Read why the last attempts failed', command: `kubectl logs -n ${job.metadata.namespace} job/${job.metadata.name} --tail=100 && kubectl get pods -n ${job.metadata.namespace} -l batch.kubernetes.io/job-name=${job.metadata.name}` },
        ...(reason === 'DeadlineExceeded' ? [{ description: `The Job ran out of time${deadline}: raise spec.activeDeadlineSeconds if the work legitimately takes longer, or find why it is slow` }] : []),
      ],
      confidence: 0.5, key: `job-${reason}`,
    }));
    return findings;
  },
};

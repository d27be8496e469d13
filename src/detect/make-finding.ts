import type { Category, Severity } from '../domain/categories.js';
import type { Evidence, Finding, Fix } from '../domain/diagnosis.js';
import type { ClusterEvent, K8sObject, Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { redact } from '../redact/redact.js';
import { fingerprint } from './fingerprint.js';
import { cleanMessage, eventFrequency, workloadOf } from './pod-facts.js';

export interface FindingInput {
  snapshot: Snapshot;
  /** The pod or object the finding is about; decides the workload part of the fingerprint. */
  subject: K8sObject;
  detector: string;
  category: Category;
  severity: Severity;
  container?: string | null;
  title: string;
  rootCause: string;
  evidence: Evidence[];
  fixes: Fix[];
  confidence: number;
  /** Distinguishes two problems of one category on one container (e.g. the ConfigMap name). */
  key?: string;
}

/** Every detector builds findings here, so redaction and fingerprints cannot be forgotten. */
export function makeFinding(input: FindingInput): Finding {
  const workload = workloadOf(input.snapshot, input.subject);
  return {
    category: input.category,
    severity: input.severity,
    container: input.container ?? null,
    title: input.title,
    rootCause: redact(input.rootCause),
    evidence: input.evidence.map((e) => ({ ...e, text: redact(e.text) })),
    fixes: input.fixes,
    detectors: [input.detector],
    patterns: [],
    confidence: input.confidence,
    fingerprint: fingerprint({
      category: input.category,
      namespace: workload.namespace,
      workload: workload.name,
      container: input.container ?? null,
      key: input.key ?? input.detector,
    }),
  };
}

export function eventEvidence(snapshot: Snapshot, event: ClusterEvent): Evidence {
  const frequency = eventFrequency(snapshot, event);
  const object = `${(event.involvedObject.kind ?? 'object').toLowerCase()}/${event.involvedObject.name ?? '?'}`;
  return {
    source: 'event',
    text: `${event.reason ?? 'Event'}: ${cleanMessage(event.message)}`,
    location: `event ${event.reason ?? ''} on ${object}${frequency ? ` (${frequency})` : ''}`,
  };
}

export function statusEvidence(pod: Pod, container: string | null, text: string): Evidence {
  return { source: 'status', text, location: container ? `pod/${pod.metadata.name} container ${container}` : `pod/${pod.metadata.name}` };
}

export function logEvidence(pod: Pod, container: string, previous: boolean, line: string): Evidence {
  return { source: 'log', text: line, location: `pod/${pod.metadata.name} container ${container}, ${previous ? 'previous' : 'current'} log` };
}

export function ns(snapshot: Snapshot, object?: K8sObject): string {
  return object?.metadata.namespace ?? snapshot.target.namespace;
}

import type { ClusterEvent, InvolvedObject } from '../domain/k8s-objects.js';

/** An events.k8s.io/v1 Event as the API serves it (field names differ from core/v1). */
interface EventsV1Event {
  metadata?: ClusterEvent['metadata'];
  regarding?: InvolvedObject;
  reason?: string;
  note?: string;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  deprecatedSource?: { component?: string; host?: string };
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number | null;
}

/** core/v1 field selectors, spelled the events.k8s.io way (`involvedObject.name` → `regarding.name`). */
export function eventsV1FieldSelector(fields: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.replace(/^involvedObject\./, 'regarding.'), value]));
}

/**
 * The same event in core/v1 shape, which snapshots store (shared/spec): both APIs read the same
 * stored objects, the deprecated* fields carry what older reporters wrote in core/v1.
 */
export function toCoreEvent(raw: unknown): ClusterEvent {
  const event = raw as EventsV1Event;
  const source = event.deprecatedSource ?? (event.reportingController ? { component: event.reportingController } : undefined);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    ...(event.metadata ? { metadata: event.metadata } : {}),
    involvedObject: event.regarding ?? {},
    ...(event.reason ? { reason: event.reason } : {}),
    ...(event.note ? { message: event.note } : {}),
    ...(event.type ? { type: event.type } : {}),
    count: event.deprecatedCount ?? event.series?.count ?? 1,
    firstTimestamp: event.deprecatedFirstTimestamp ?? null,
    lastTimestamp: event.deprecatedLastTimestamp ?? event.series?.lastObservedTime ?? null,
    eventTime: event.eventTime ?? null,
    ...(event.series ? { series: event.series } : {}),
    ...(source ? { source } : {}),
    ...(event.reportingController ? { reportingComponent: event.reportingController } : {}),
    ...(event.reportingInstance ? { reportingInstance: event.reportingInstance } : {}),
    ...(event.action ? { action: event.action } : {}),
  };
}

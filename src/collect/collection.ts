import { firstLineOf } from '../domain/errors.js';
import type { ClusterEvent, K8sObject } from '../domain/k8s-objects.js';
import type { CollectionError, LogExcerpt, PodMetric } from '../domain/snapshot.js';
import { ApiRequestError } from './http-get.js';
import type { ObjectReader } from './object-reader.js';

export interface CollectLimits {
  /** Last lines of each log. */
  tailLines: number;
  /** Hard cap per log, in bytes. */
  limitBytes: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** For workload targets: how many failing pods get their logs read. */
  maxLogPods: number;
}

// A crash's root cause (the last `Caused by:`, the final traceback line) sits near the end of the
// previous log, but Java chains run to hundreds of lines: 1000 lines keeps whole chains in view.
export const DEFAULT_LIMITS: CollectLimits = { tailLines: 1000, limitBytes: 512 * 1024, concurrency: 8, maxLogPods: 3 };

export type Progress = (line: string) => void;

/** A one-line reason for a failed read: `Forbidden: pods/log`, `NotFound: configmaps "app"`, `Timeout`. */
export function failureReason(error: unknown, resource: string): string {
  if (error instanceof ApiRequestError) {
    if (error.status === undefined) return `${error.reason}: ${error.message}`;
    if (error.status >= 500) return `${error.reason} (${error.status}): ${error.message}`;
    // 400s carry the useful part in the message ("container ... is waiting to start").
    if (error.status === 400) return `${error.reason}: ${error.message}`;
    return `${error.reason}: ${resource}`;
  }
  return firstLineOf(error);
}

/**
 * Everything gathered for one snapshot, plus a bound on concurrent requests. A read that fails is
 * written down in `errors` and yields undefined, so one forbidden resource never stops the rest.
 */
export class Collection {
  readonly objects = new Map<string, K8sObject>();
  readonly events = new Map<string, ClusterEvent>();
  readonly logs: LogExcerpt[] = [];
  readonly metrics: PodMetric[] = [];
  readonly errors: CollectionError[] = [];
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly reader: ObjectReader,
    readonly limits: CollectLimits,
    private readonly progress: Progress = () => {},
  ) {}

  /** Runs `task` within the concurrency bound; a failure becomes a collection error unless `quiet` says it is expected. */
  async attempt<T>(what: string, resource: string, task: () => Promise<T>, quiet?: (error: unknown) => boolean): Promise<T | undefined> {
    await this.acquire();
    try {
      this.progress(`reading ${what}`);
      return await task();
    } catch (error) {
      if (!quiet?.(error)) this.errors.push({ what, reason: failureReason(error, resource) });
      return undefined;
    } finally {
      this.release();
    }
  }

  add(object: K8sObject): void {
    const key = `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (!this.objects.has(key)) this.objects.set(key, object);
  }

  has(kind: string, namespace: string | undefined, name: string): boolean {
    return this.objects.has(`${kind}/${namespace ?? ''}/${name}`);
  }

  addEvents(events: readonly ClusterEvent[]): void {
    for (const event of events) {
      const meta = event.metadata;
      const key = meta?.uid ?? `${meta?.namespace ?? ''}/${meta?.name ?? ''}/${event.reason ?? ''}/${event.message ?? ''}`;
      this.events.set(key, event);
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limits.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => { this.active++; resolve(); }));
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

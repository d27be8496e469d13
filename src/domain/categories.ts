import { z } from 'zod';

/** Root-cause categories from shared/spec/snapshot-format.md §3. Order is the spec's order. */
export const CATEGORIES = [
  'healthy',
  'oom-killed',
  'app-crash',
  'missing-dependency',
  'config-error',
  'command-error',
  'liveness-probe-failure',
  'readiness-probe-failure',
  'image-not-found',
  'image-pull-auth',
  'registry-unreachable',
  'invalid-image-name',
  'missing-configmap',
  'missing-secret',
  'missing-config-key',
  'insufficient-resources',
  'node-affinity-mismatch',
  'untolerated-taint',
  'pvc-unbound',
  'volume-mount-failure',
  'sandbox-failure',
  'evicted',
  'init-container-failure',
  'quota-exceeded',
  'stuck-terminating',
  'rollout-stuck',
  'unknown',
] as const;

export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** Lower is more severe; used for sorting and for `--fail-on`. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export const STATUSES = ['healthy', 'degraded', 'failing'] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

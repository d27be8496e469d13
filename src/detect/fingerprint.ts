import { createHash } from 'node:crypto';
import type { Category } from '../domain/categories.js';

/**
 * A stable id for "the same problem": it must not change between runs or between replicas of
 * one workload, so everything that varies per pod or per minute is normalised away.
 */
export interface FingerprintParts {
  category: Category;
  namespace: string;
  /** Owner workload name (Deployment, StatefulSet…), or a bare pod's name without hash suffixes. */
  workload: string;
  container?: string | null;
  /** What distinguishes this problem from others of the same category (a ConfigMap name, a resource). */
  key?: string;
}

export function fingerprint(parts: FingerprintParts): string {
  const material = [parts.category, parts.namespace, parts.workload, parts.container ?? '', normaliseKey(parts.key ?? '')].join('\u0000');
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

/** Strips what varies between runs/replicas: timestamps, IPs, hashes, numbers, pod suffixes. */
export function normaliseKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/\d{4}-\d{2}-\d{2}[t ][\d:.]+z?/g, '<time>')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>')
    .replace(/\b[0-9a-f]{12,}\b/g, '<hash>')
    .replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}\b/g, '')
    .replace(/\d+/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `web-7d9f8c6b5-x2kq` → `web`; `web-7d9f8c6b5` → `web`; `db-0` stays `db-0` (StatefulSet ordinals are identity). */
export function stripPodHash(name: string): string {
  return name
    .replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '')
    .replace(/-(?=[a-z0-9]*\d)[a-z0-9]{8,10}$/, '')
    .replace(/-[bcdfghjklmnpqrstvwxz2-9]{5}$/, '');
}

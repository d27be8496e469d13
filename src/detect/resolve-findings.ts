import { SEVERITY_RANK, type Category, type Status } from '../domain/categories.js';
import type { Finding } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';

export interface Resolution {
  status: Status;
  category: Category;
  confidence: number;
  summary: string;
  /** Primary first, then the rest, most severe first. */
  findings: Finding[];
  notes: string[];
}

/** Ranks findings into the primary cause. */
export function resolveFindings(snapshot: Snapshot, findings: readonly Finding[]): Resolution {
  const ranked = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const primary = ranked.find((f) => f.severity !== 'info');
  if (!primary) {
    return {
      status: 'healthy',
      category: 'healthy',
      confidence: 0.9,
      summary: `${snapshot.target.kind} ${snapshot.target.namespace}/${snapshot.target.name} looks healthy.`,
      findings: ranked,
      notes: [],
    };
  }
  return {
    status: primary.severity === 'critical' ? 'failing' : 'degraded',
    category: primary.category,
    confidence: primary.confidence ?? 0.7,
    summary: primary.rootCause,
    findings: ranked,
    notes: [],
  };
}

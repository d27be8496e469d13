import type { Category } from '../../src/domain/categories.js';
import type { Diagnosis, Finding } from '../../src/domain/diagnosis.js';

export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    category: 'oom-killed',
    severity: 'critical',
    container: 'app',
    title: 'Container app was OOMKilled',
    rootCause: 'The container used more memory than its 256Mi limit.',
    evidence: [{ source: 'status', text: 'Last State: Terminated, Reason: OOMKilled, Exit Code: 137' }],
    fixes: [{ description: 'Raise the memory limit', command: 'kubectl set resources deployment/web --limits=memory=512Mi' }],
    detectors: ['container-terminated'],
    patterns: [],
    ...overrides,
  };
}

export function sampleDiagnosis(overrides: Partial<Diagnosis> & { category?: Category } = {}): Diagnosis {
  const category = overrides.category ?? 'oom-killed';
  return {
    apiVersion: 'k8sdiag/v1',
    kind: 'Diagnosis',
    target: { kind: 'Pod', namespace: 'shop', name: 'web-7d9f8c-x2kq' },
    status: category === 'healthy' ? 'healthy' : 'failing',
    category,
    confidence: 0.9,
    summary: 'Container app is killed for exceeding its memory limit.',
    findings: category === 'healthy' ? [] : [sampleFinding({ category })],
    references: [],
    llm: null,
    ...overrides,
  };
}

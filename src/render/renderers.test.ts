import { describe, expect, it } from 'vitest';
import { diagnosisSchema, type Diagnosis } from '../domain/diagnosis.js';
import { renderDiagnosis } from './renderers.js';

function failingDiagnosis(): Diagnosis {
  return {
    apiVersion: 'k8sdiag/v1',
    kind: 'Diagnosis',
    target: { kind: 'Pod', namespace: 'shop', name: 'web-7d9f8c-x2kq' },
    status: 'failing',
    category: 'oom-killed',
    confidence: 0.92,
    summary: 'Container app in shop/web-7d9f8c-x2kq was OOM-killed at its 256Mi memory limit.',
    findings: [
      {
        category: 'oom-killed',
        severity: 'critical',
        container: 'app',
        title: 'Container app OOMKilled (exit 137)',
        rootCause: 'The app container exceeds its 256Mi memory limit and the kernel kills it.',
        evidence: [{ source: 'status', text: 'Last State: Terminated, Reason: OOMKilled, Exit Code: 137', location: 'pod/web-7d9f8c-x2kq container app' }],
        fixes: [
          {
            description: 'Raise the memory limit from 256Mi to 512Mi.',
            command: 'kubectl set resources deployment/web -n shop -c app --limits=memory=512Mi',
            patch: 'spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        resources:\n          limits:\n            memory: 512Mi\n',
          },
        ],
        detectors: ['oom-killed'],
        patterns: [],
        fingerprint: 'abc123',
      },
      {
        category: 'readiness-probe-failure',
        severity: 'warning',
        container: 'app',
        title: 'Readiness probe | failing',
        rootCause: 'Readiness fails while the app restarts.',
        evidence: [],
        fixes: [],
        detectors: ['probe-failures'],
        patterns: [],
      },
    ],
    references: [
      { title: 'OOMKilled containers', source: 'docs-corpus/oom-killed.md', heading: 'Confirm', score: 0.81 },
      { title: 'Resources and QoS', source: 'docs-corpus/resources.md', score: 0.6 },
      { title: 'Eviction', source: 'docs-corpus/eviction.md', score: 0.5 },
      { title: 'Fourth', source: 'docs-corpus/fourth.md', score: 0.4 },
    ],
    llm: null,
    collectionErrors: [{ what: 'logs app (previous)', reason: 'Forbidden: pods/log' }],
  };
}

describe('text renderer', () => {
  it('shows status, root cause, evidence with its location, fix commands and the top 3 references', () => {
    const text = renderDiagnosis(failingDiagnosis(), 'text', { color: false, verbose: false });
    expect(text).toMatch(/^✖ FAILING {2}Pod shop\/web-7d9f8c-x2kq {2}· {2}oom-killed {2}· {2}confidence 92%/);
    expect(text).toContain('Reason: OOMKilled, Exit Code: 137 (pod/web-7d9f8c-x2kq container app)');
    expect(text).toContain('$ kubectl set resources deployment/web -n shop -c app --limits=memory=512Mi');
    expect(text).toContain('memory: 512Mi');
    expect(text).toContain('Eviction');
    expect(text).not.toContain('Fourth');
    expect(text).toContain('could not read logs app (previous): Forbidden: pods/log');
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('colours by severity only when asked', () => {
    const text = renderDiagnosis(failingDiagnosis(), 'text', { color: true, verbose: false });
    expect(text).toMatch(/\u001b\[31m/);
  });

  it('prints a short healthy line for a healthy target', () => {
    const healthy: Diagnosis = { ...failingDiagnosis(), status: 'healthy', category: 'healthy', findings: [], summary: 'All 2 containers ready.', references: [] };
    delete healthy.collectionErrors;
    const text = renderDiagnosis(healthy, 'text', { color: false, verbose: false });
    expect(text.split('\n')[0]).toBe('✔ HEALTHY  Pod shop/web-7d9f8c-x2kq');
    expect(text).not.toContain('Root cause');
  });
});

describe('json renderer', () => {
  it('prints a document that validates against the spec schema', () => {
    const parsed = diagnosisSchema.parse(JSON.parse(renderDiagnosis(failingDiagnosis(), 'json', { color: false, verbose: false })));
    expect(parsed.category).toBe('oom-killed');
    expect(parsed.findings[0]?.evidence[0]?.source).toBe('status');
  });

  it('refuses to print a diagnosis that breaks the contract', () => {
    const broken = { ...failingDiagnosis(), category: 'not-a-category' } as unknown as Diagnosis;
    expect(() => renderDiagnosis(broken, 'json', { color: false, verbose: false })).toThrow(/category/);
  });
});

describe('markdown renderer', () => {
  it('renders a PR-comment friendly report with fenced commands and escaped table cells', () => {
    const md = renderDiagnosis(failingDiagnosis(), 'markdown', { color: false, verbose: false });
    expect(md).toContain('## k8sdiag: ❌ Failing — `Pod shop/web-7d9f8c-x2kq`');
    expect(md).toContain('```bash\n   kubectl set resources deployment/web -n shop -c app --limits=memory=512Mi\n   ```');
    expect(md).toContain('```yaml');
    expect(md).toContain('Readiness probe \\| failing');
    expect(md).toContain('could not read logs app (previous): Forbidden: pods/log');
    expect(md).not.toMatch(/\u001b\[/);
  });
});

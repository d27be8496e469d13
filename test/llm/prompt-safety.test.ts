import { describe, expect, it } from 'vitest';
import { loadCaseWithSecrets, rulesDiagnosis } from './explain-fixture.js';
import { createAnonymizer } from '../../src/prompt/anonymize.js';
import { buildPrompt } from '../../src/prompt/build-prompt.js';
import { checkGrounding } from '../../src/prompt/check-grounding.js';
import { parseDiagnosis } from '../../src/prompt/parse-diagnosis.js';
import { redact } from '../../src/redact/redact.js';

describe('anonymizer', () => {
  it('replaces names with stable pseudonyms, whole words only, and maps them back', () => {
    const snapshot = loadCaseWithSecrets();
    const a = createAnonymizer(snapshot);
    const b = createAnonymizer(snapshot);
    const text = 'pod orders-service-7f5b9c6d48-zx2kc in orders on worker-node-04 pulled harbor.acme.internal/orders/orders-service:3.8.0; reorders stay';
    const hidden = a.anonymize(text);
    expect(hidden).toBe(b.anonymize(text));
    expect(hidden).toMatch(/^pod pod-1 in ns-1 on node-1 pulled image-1; reorders stay$/);
    expect(a.deanonymize(hidden)).toBe(text);
  });
});

describe('parseDiagnosis', () => {
  it('accepts JSON inside a fence and rejects what the schema does not allow, saying where', () => {
    const good = { category: 'oom-killed', severity: 'critical', container: null, title: 't', summary: 's', rootCause: 'r', evidence: [], fixes: [], confidence: 0.5, disagreement: null };
    expect(parseDiagnosis({ text: `Here:\n\`\`\`json\n${JSON.stringify(good)}\n\`\`\`` }).ok).toBe(true);
    const bad = parseDiagnosis({ text: JSON.stringify({ ...good, confidence: 7 }) });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('confidence') });
    expect(parseDiagnosis({ text: 'I think it is OOM' })).toMatchObject({ ok: false });
  });
});

describe('checkGrounding', () => {
  it('finds verbatim log quotes and describe-style status quotes, and rejects invented ones', () => {
    const snapshot = loadCaseWithSecrets();
    const result = checkGrounding(
      [
        { source: 'log', text: 'Caused by: java.net.ConnectException: Connection refused' },
        { source: 'status', text: 'Last State: Terminated, Reason: Error, Exit Code: 1' },
        { source: 'event', text: 'Back-off restarting failed container orders-service' },
        { source: 'event', text: 'OOMKilled: memory limit 512Mi exceeded' },
      ],
      snapshot,
    );
    expect(result.grounded).toHaveLength(3);
    expect(result.ungrounded.map((e) => e.text)).toEqual(['OOMKilled: memory limit 512Mi exceeded']);
    expect(result.rate).toBe(0.75);
  });
});

describe('prompt redaction', () => {
  it('sends no private key, password, env value or connection-string credential', () => {
    const snapshot = loadCaseWithSecrets();
    const log = snapshot.logs[0];
    if (log) log.text += '\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAtopsecretkeymaterial\n-----END RSA PRIVATE KEY-----\npassword=Tr0ub4dor&3\nredis://:cachepass@redis:6379';
    const prompt = buildPrompt({ snapshot, diagnosis: rulesDiagnosis(snapshot), mode: 'zero-shot', tokenBudget: 6000, protect: redact });
    const sent = prompt.messages.map((m) => m.content).join('\n');
    for (const secret of ['topsecretkeymaterial', 'Tr0ub4dor', 'cachepass', 'jdbc:postgresql://orders-db:5432/orders']) expect(sent).not.toContain(secret);
    expect(sent).toContain('SPRING_DATASOURCE_URL');
    expect(prompt.logReductions[0]?.originalLines).toBeGreaterThan(10);
  });
});

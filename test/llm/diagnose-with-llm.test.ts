import { describe, expect, it } from 'vitest';
import { loadLlmConfig } from '../../src/config/llm-config.js';
import { createModelRegistry } from '../../src/llm/default-registry.js';
import { diagnose } from '../../src/pipeline/diagnose.js';
import { loadCaseWithSecrets } from './explain-fixture.js';

describe('diagnose with an LLM configured', () => {
  it('runs the whole LLM path offline with --model fake:echo and records it in the diagnosis', async () => {
    const snapshot = loadCaseWithSecrets();
    const { config, errors } = loadLlmConfig({ model: 'fake:echo', alwaysLlm: true }, {});
    expect(errors).toEqual([]);
    const rulesOnly = await diagnose(snapshot);
    const result = await diagnose(snapshot, { llm: { registry: createModelRegistry({}), settings: config } });
    expect(result.diagnosis.category).toBe(rulesOnly.diagnosis.category);
    expect(rulesOnly.diagnosis.llm).toBeNull();
    expect(result.diagnosis.llm).toMatchObject({ provider: 'fake', model: 'echo', route: expect.stringMatching(/simple|reasoning/) });
    expect(result.explain?.calls).toBe(1);
  });

  it('says plainly that no LLM was used when none is configured', () => {
    const { config } = loadLlmConfig({ llm: 'auto' }, {});
    expect(config.provider).toBeNull();
    expect(config.providerReason).toMatch(/no LLM configured/);
  });
});

import { describe, expect, it } from 'vitest';
import { loadLlmConfig } from './llm-config.js';

describe('loadLlmConfig', () => {
  it('auto picks the first configured provider; real env beats .env', () => {
    const { config } = loadLlmConfig({ llm: 'auto' }, { OLLAMA_HOST: '10.0.0.5:11434' }, { ANTHROPIC_API_KEY: 'from-dotenv', OLLAMA_HOST: 'ignored:1' });
    expect(config.provider).toBe('anthropic');
    expect(config.connections.ollama.baseUrl).toBe('http://10.0.0.5:11434');
  });

  it('defaults to no LLM and says so', () => {
    const { config } = loadLlmConfig({}, {});
    expect(config.provider).toBeNull();
    expect(config.providerReason).toMatch(/deterministic/);
  });

  it('returns every problem as a list instead of throwing', () => {
    const { errors } = loadLlmConfig({ llm: 'gemini', route: 'fast', maxTokens: 'lots' }, { K8SDIAG_COMPLEXITY_THRESHOLD: '3' });
    expect(errors).toHaveLength(4);
    const missingKey = loadLlmConfig({ llm: 'openai' }, {});
    expect(missingKey.errors[0]).toMatch(/OPENAI_API_KEY/);
  });

  it('reads thresholds, budgets and switches', () => {
    const { config, warnings } = loadLlmConfig({ model: 'ollama:deepseek-r1:32b', maxCost: '0.05', redact: false, anonymize: true }, { K8SDIAG_COMPLEXITY_THRESHOLD: '0.5' });
    expect(config).toMatchObject({ provider: 'ollama', model: 'ollama:deepseek-r1:32b', maxCost: 0.05, redact: false, anonymize: true, complexityThreshold: 0.5 });
    expect(warnings[0]).toMatch(/--no-redact/);
  });
});

import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../../src/llm/default-registry.js';
import { openAiCompletion, openAiError, startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { closeServersAfterEach } from '../helpers/loopback-server.js';

const structuredOutput = {
  name: 'report_diagnosis',
  description: 'Report the diagnosis',
  schema: { type: 'object', properties: { category: { type: 'string' } }, required: ['category'], additionalProperties: false },
};
const messages = [{ role: 'user' as const, content: 'Why does pod web crash? Answer in JSON.' }];

const servers = closeServersAfterEach();

describe('OpenAI-compatible servers without structured outputs', () => {
  it('falls back to json_object, then to no response_format, and warns', async () => {
    const server = await startFakeOpenAiServer([
      openAiError(400, "Unrecognized response_format type 'json_schema'"),
      openAiError(400, 'response_format is not supported'),
      openAiCompletion('{"category":"oom-killed"}'),
    ]);
    servers.push(server);
    const model = createModelRegistry({ openai: { baseUrl: server.baseUrl, maxRetries: 0 } }).languageModel('openai:llama-3.1-8b-instruct');
    const result = await model.generate({ messages, structuredOutput });
    expect(server.requests.map((r) => (r.body.response_format as { type?: string } | undefined)?.type)).toEqual(['json_schema', 'json_object', undefined]);
    expect(result.text).toBe('{"category":"oom-killed"}');
    expect(result.warnings.filter((w) => w.feature === 'response_format')).toHaveLength(2);
  });

  it('does not hide a real error behind the fallback: a 401 is reported at once', async () => {
    const server = await startFakeOpenAiServer([openAiError(401, 'Incorrect API key provided')]);
    servers.push(server);
    const model = createModelRegistry({ openai: { apiKey: 'sk-bad', baseUrl: server.baseUrl, maxRetries: 0 } }).languageModel('openai:gpt-4.1-mini');
    await expect(model.generate({ messages, structuredOutput })).rejects.toThrow(/401|API key/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('Ollama servers that predate JSON-schema formats', () => {
  it('retries with format "json" after a 400 and warns', async () => {
    const { ollamaChat, ollamaError, startFakeOllamaServer } = await import('../helpers/fake-ollama-server.js');
    const server = await startFakeOllamaServer([ollamaError(400, 'invalid format: expected "json" or a JSON schema'), ollamaChat('{"category":"app-crash"}')]);
    servers.push(server);
    const model = createModelRegistry({ ollama: { baseUrl: server.origin, maxRetries: 0 } }).languageModel('ollama:llama3.1');
    const result = await model.generate({ messages, structuredOutput });
    expect(server.requests.map((r) => typeof r.body.format === 'object' ? 'schema' : r.body.format)).toEqual(['schema', 'json']);
    expect(result.text).toBe('{"category":"app-crash"}');
    expect(result.warnings.some((w) => w.feature === 'format')).toBe(true);
  });
});

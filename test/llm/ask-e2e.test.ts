import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as ask } from '../../src/cli/commands/ask.js';
import { shopCluster } from '../collect/cluster-objects.js';
import { captureIo, globalsFor } from '../helpers/capture-io.js';
import { FakeApiServer } from '../helpers/fake-apiserver.js';
import { openAiStream, startFakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { startShopServer } from '../collect/shop-server.js';

const cluster = shopCluster();
let apiserver: FakeApiServer;
let home: string;

beforeAll(async () => {
  apiserver = await startShopServer(cluster);
  apiserver.setLog('shop', cluster.crashing, 'app', false, 'INFO starting web 1.5.0\n');
  home = mkdtempSync(join(tmpdir(), 'k8sdiag-ask-'));
});
afterAll(async () => apiserver.stop());

// The shipped docs corpus with the offline lexical embedder; index and history under a temp home.
function io(extra: NodeJS.ProcessEnv = {}) {
  return captureIo({ HOME: home, K8SDIAG_HOME: home, K8SDIAG_CACHE_DIR: join(home, 'cache'), K8SDIAG_EMBEDDER: 'lexical', KUBECONFIG: apiserver.kubeconfigPath, ...extra }, home);
}

describe('k8sdiag ask against a fake cluster', { timeout: 60_000 }, () => {
  it('"why is <pod> in <ns> crashing?" collects the pod and prints its diagnosis', async () => {
    const out = io();
    const code = await ask({ question: `why is ${cluster.crashing} in shop crashing?` }, globalsFor(), out);
    expect(code).toBe(1);
    const text = out.stdout();
    expect(text).toContain(cluster.crashing);
    expect(text).toMatch(/ECONNREFUSED 10\.96\.40\.2:5432/);
    expect(text).toMatch(/missing-dependency|cannot reach|connection refused/i);
    expect(apiserver.requests.some((path) => path.includes(`/namespaces/shop/pods/${cluster.crashing}`))).toBe(true);
  });

  it('"how many pods are running in <ns>?" answers with the count from a list call', async () => {
    const out = io();
    expect(await ask({ question: 'how many pods are running in shop?' }, globalsFor(), out)).toBe(0);
    // Four pods in shop: the crash-looping one and three running.
    expect(out.stdout()).toMatch(/^3 of 4 pods in shop are running: /);
    expect(out.stdout()).toContain(cluster.healthy);
    expect(out.stdout()).not.toMatch(new RegExp(`running: [^(]*${cluster.crashing}`));
    expect(out.stdout()).toContain('1 CrashLoopBackOff');
  });

  it('"what does CrashLoopBackOff mean?" offline answers from the documents, with their ids, and never calls the cluster', async () => {
    const before = apiserver.requests.length;
    const out = io();
    expect(await ask({ question: 'what does CrashLoopBackOff mean?' }, globalsFor(), out)).toBe(0);
    const text = out.stdout();
    expect(text).toContain('From the documents (no LLM configured)');
    expect(text).toMatch(/\[doc:crashloopbackoff-[a-z-]+\.md/);
    expect(text.toLowerCase()).toContain('back-off');
    expect(apiserver.requests.length).toBe(before);
  });

  it('with OpenAI configured, streams an answer that cites the retrieved document ids', async () => {
    const llm = await startFakeOpenAiServer([openAiStream(['CrashLoopBackOff means the kubelet keeps restarting a container that exits, ', 'waiting longer each time [doc:crashloopbackoff-triage.md].'])]);
    try {
      const out = io({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseUrl });
      expect(await ask({ question: 'what does CrashLoopBackOff mean?', llm: 'openai' }, globalsFor({ llm: 'openai' }), out)).toBe(0);
      const text = out.stdout();
      expect(text).toContain('CrashLoopBackOff means the kubelet keeps restarting a container that exits, waiting longer each time [doc:crashloopbackoff-triage.md].');
      expect(text).toMatch(/Sources:\n {2}\[doc:crashloopbackoff-/);
      const body = llm.requests[0]?.body as { stream: boolean; messages: { content: string }[] };
      expect(body.stream).toBe(true);
      // The model was given the same documents the answer lists, by id.
      const sources = [...text.matchAll(/^ {2}\[doc:([^\]]+)\]/gm)].map((m) => m[1]);
      expect(sources.length).toBeGreaterThan(0);
      for (const id of sources) expect(JSON.stringify(body.messages)).toContain(`[doc:${id}]`);
    } finally {
      await llm.close();
    }
  });
  it('says so when the streamed answer was cut off at the token limit', async () => {
    const llm = await startFakeOpenAiServer([openAiStream(['CrashLoopBackOff means the kubelet keeps restarting a con'], { finishReason: 'length' })]);
    try {
      const out = io({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseUrl });
      expect(await ask({ question: 'what does CrashLoopBackOff mean?', llm: 'openai' }, globalsFor({ llm: 'openai' }), out)).toBe(0);
      expect(out.stderr()).toContain('the answer was cut off at its token limit');
      expect(out.stdout()).toMatch(/Sources:\n/);
    } finally {
      await llm.close();
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as diagnoseCommand } from '../../src/cli/commands/diagnose.js';
import { run as feedbackCommand } from '../../src/cli/commands/feedback.js';
import { diagnosisSchema } from '../../src/domain/diagnosis.js';
import { InputError } from '../../src/domain/errors.js';
import { captureIo, globalsFor, type CapturedIo } from '../helpers/capture-io.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'examples', 'crashloop-missing-db.json');

const globals = globalsFor;

/** A fresh history and index cache per test, as a new user would have. */
function freshIo(): CapturedIo {
  const home = mkdtempSync(join(tmpdir(), 'k8sdiag-cli-'));
  return captureIo({ K8SDIAG_HOME: home, K8SDIAG_CACHE_DIR: join(home, 'cache') }, home);
}

describe('k8sdiag diagnose --from', () => {
  it('cites the bundled docs and records the investigation for feedback', async () => {
    const io = freshIo();
    const code = await diagnoseCommand({ from: EXAMPLE }, globals(), io);
    expect(code).toBe(1);
    expect(io.stdout()).toMatch(/References\n {2}1\. .*\(docs-corpus\/[a-z0-9-]+\.md, 1\.00\)/);
    const id = /recorded as (\w+) \(rate it: k8sdiag feedback \1 --rating 1-5\)/.exec(io.stdout())?.[1];
    expect(id).toBeDefined();

    await feedbackCommand({ id: id!, rating: '5', note: 'mongo was down after the node drain' }, globals(), io);
    const again = { ...io, out: (text: string) => void (secondOut += text) };
    let secondOut = '';
    await diagnoseCommand({ from: EXAMPLE }, globals(), again);
    expect(secondOut).toContain(`seen before: ${id}`);
    expect(secondOut).toContain('mongo was down after the node drain');
  });

  it('keeps stdout pure JSON that validates, with references, and records nothing with --no-history', async () => {
    const io = freshIo();
    await diagnoseCommand({ from: EXAMPLE, history: false }, globals({ output: 'json' }), io);
    const diagnosis = diagnosisSchema.parse(JSON.parse(io.stdout()));
    expect(diagnosis.references.length).toBeGreaterThan(0);
    expect(diagnosis.references[0]?.source).toMatch(/^docs-corpus\//);
    expect(io.stdout()).not.toContain('recorded as');
  });

  it('skips references with --no-retrieval', async () => {
    const io = freshIo();
    await diagnoseCommand({ from: EXAMPLE, retrieval: false, history: false }, globals({ output: 'json' }), io);
    expect(diagnosisSchema.parse(JSON.parse(io.stdout())).references).toEqual([]);
  });

  it('fails CI only on findings that are new against a baseline', async () => {
    const io = freshIo();
    await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false }, globals({ output: 'json' }), io);
    const baseline = join(io.cwd, 'previous.json');
    writeFileSync(baseline, io.stdout());
    const quiet = freshIo();
    expect(await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false }, globals({ output: 'json' }), quiet)).toBe(1);
    expect(await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false, baseline }, globals({ output: 'json' }), quiet)).toBe(0);
    expect(await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false }, globals({ output: 'json', failOn: 'never' }), quiet)).toBe(0);
  });

  it('rejects a .k8sdiagignore line that is neither a fingerprint nor a category, before printing anything', async () => {
    const io = freshIo();
    writeFileSync(join(io.cwd, '.k8sdiagignore'), '# known issues\ncategory: missing-dependency\nnot a fingerprint!\n');
    await expect(diagnoseCommand({ from: EXAMPLE, history: false }, globals(), io)).rejects.toThrow(InputError);
    await expect(diagnoseCommand({ from: EXAMPLE, history: false }, globals(), io)).rejects.toThrow(/\.k8sdiagignore:3: /);
    expect(io.stdout()).toBe('');
  });

  it('an ignored category no longer fails the run', async () => {
    const io = freshIo();
    writeFileSync(join(io.cwd, '.k8sdiagignore'), 'category: missing-dependency\ncategory: app-crash\n');
    const code = await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false }, globals(), io);
    expect(io.stdout()).toContain('missing-dependency');
    expect(code).toBe(0);
  });
  it('--show-prompt without an LLM says nothing would be sent instead of staying silent', async () => {
    const io = freshIo();
    await diagnoseCommand({ from: EXAMPLE, history: false, retrieval: false, showPrompt: true }, globals(), io);
    expect(io.stderr()).toContain('--show-prompt: no LLM is configured');
    expect(io.stdout()).toContain('missing-dependency');
  });
});

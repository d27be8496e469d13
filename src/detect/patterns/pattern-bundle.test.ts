import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePatternYaml } from './pattern-bundle.js';

describe('pattern bundle', () => {
  const root = mkdtempSync(join(tmpdir(), 'k8sdiag-bundle-'));
  mkdirSync(join(root, 'dist'));
  const bundled = 'id: cached\n';
  const sha = createHash('sha1').update(bundled).digest('hex');
  // The bundled value differs from what the YAML says, so the test can tell which one was used.
  writeFileSync(join(root, 'dist', 'patterns.bundle.json'), JSON.stringify({ [sha]: { id: 'from-bundle' } }));

  it('uses the pre-parsed copy when the file content is unchanged', () => {
    expect(parsePatternYaml(bundled, root)).toEqual({ id: 'from-bundle' });
  });

  it('parses the YAML when the file was edited after the build', () => {
    expect(parsePatternYaml('id: edited\n', root)).toEqual({ id: 'edited' });
  });

  it('parses the YAML when there is no bundle at all', () => {
    expect(parsePatternYaml(bundled, join(root, 'nowhere'))).toEqual({ id: 'cached' });
  });
});

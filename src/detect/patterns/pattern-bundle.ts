import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type Bundle = Record<string, unknown>;

const bundles = new Map<string, Bundle>();

/** `dist/patterns.bundle.json` written by the build; empty when absent or unreadable. */
function bundleFor(packageRoot: string): Bundle {
  let bundle = bundles.get(packageRoot);
  if (!bundle) {
    try {
      bundle = JSON.parse(readFileSync(join(packageRoot, 'dist', 'patterns.bundle.json'), 'utf8')) as Bundle;
    } catch {
      bundle = {};
    }
    bundles.set(packageRoot, bundle);
  }
  return bundle;
}

/**
 * Parses one pattern file's YAML, reusing the build's pre-parsed copy when the file's
 * content hash matches, since the yaml module costs more start-up time than all detectors.
 */
export function parsePatternYaml(text: string, packageRoot: string | undefined): unknown {
  if (packageRoot) {
    const hit = bundleFor(packageRoot)[createHash('sha1').update(text).digest('hex')];
    if (hit !== undefined) return structuredClone(hit);
  }
  const require = createRequire(import.meta.url);
  const yaml = require('yaml') as typeof import('yaml');
  return yaml.parse(text);
}

// Pre-parses patterns/*.yaml into dist/patterns.bundle.json, keyed by each file's sha1,
// so a diagnosis does not pay for YAML parsing. The loader still validates every entry
// and falls back to the YAML file whenever its content hash is not in the bundle.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'patterns');
const bundle = {};
for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
  const text = readFileSync(join(dir, name), 'utf8');
  try {
    bundle[createHash('sha1').update(text).digest('hex')] = parse(text);
  } catch {
    // Left out on purpose: the loader reports the YAML error with the file and line.
  }
}
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'patterns.bundle.json'), JSON.stringify(bundle));

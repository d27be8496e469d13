import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

interface ImportSite {
  file: string;
  folder: string;
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): ImportSite[] {
  const text = readFileSync(file, 'utf8');
  const folder = relative(SRC, file).split(sep)[0] ?? '';
  const sites: ImportSite[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    sites.push({ file: relative(SRC, file), folder, specifier: match[3] ?? '', typeOnly: Boolean(match[2]) });
  }
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    sites.push({ file: relative(SRC, file), folder, specifier: match[1] ?? '', typeOnly: false });
  }
  return sites;
}

const all = sourceFiles(SRC).flatMap(importsOf);

function targetFolder(site: ImportSite): string | undefined {
  if (!site.specifier.startsWith('.')) return undefined;
  const resolved = relative(SRC, join(SRC, site.file, '..', site.specifier));
  return resolved.split(sep)[0];
}

describe('architecture: dependencies point down', () => {
  it('only collect/ touches the Kubernetes client', () => {
    const offenders = all.filter((s) => s.specifier.startsWith('@kubernetes/client-node') && s.folder !== 'collect');
    expect(offenders.map((s) => s.file)).toEqual([]);
  });

  it('only llm/ touches vendor LLM SDKs', () => {
    const sdk = /^(openai|@anthropic-ai\/sdk|ollama)(\/|$)/;
    const offenders = all.filter((s) => sdk.test(s.specifier) && !s.typeOnly && s.folder !== 'llm');
    expect(offenders.map((s) => `${s.file} → ${s.specifier}`)).toEqual([]);
  });

  it('heavy modules are loaded lazily, never by a static import', () => {
    const heavy = /^(@huggingface\/transformers|hnswlib-node|@kubernetes\/client-node|openai|@anthropic-ai\/sdk|ollama|better-sqlite3)$/;
    const text = (file: string) => readFileSync(join(SRC, file), 'utf8');
    const offenders = all.filter(
      (s) => heavy.test(s.specifier) && !s.typeOnly && new RegExp(`^\\s*import\\s+(?!type)[^;]*from\\s+['"]${s.specifier.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}['"]`, 'm').test(text(s.file)),
    );
    expect(offenders.map((s) => `${s.file} → ${s.specifier}`)).toEqual([]);
  });

  it('nothing imports cli/', () => {
    const offenders = all.filter((s) => s.folder !== 'cli' && targetFolder(s) === 'cli');
    expect(offenders.map((s) => s.file)).toEqual([]);
  });

  it('domain/ imports only zod and itself', () => {
    const offenders = all.filter(
      (s) => s.folder === 'domain' && !(s.specifier === 'zod' || (s.specifier.startsWith('.') && targetFolder(s) === 'domain')),
    );
    expect(offenders.map((s) => `${s.file} → ${s.specifier}`)).toEqual([]);
  });

  it('detect/ and render/ stay pure of I/O-heavy stages', () => {
    const forbidden = new Set(['collect', 'llm', 'retrieve', 'pipeline', 'bench', 'history']);
    const offenders = all.filter((s) => (s.folder === 'detect' || s.folder === 'render') && forbidden.has(targetFolder(s) ?? ''));
    expect(offenders.map((s) => `${s.file} → ${s.specifier}`)).toEqual([]);
  });

  it('only config/ and cli/ read process.env', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => /process\.env/.test(withoutComments(readFileSync(file, 'utf8'))))
      .map((file) => relative(SRC, file))
      .filter((file) => !file.startsWith(`config${sep}`) && !file.startsWith(`cli${sep}`));
    expect(offenders).toEqual([]);
  });
});

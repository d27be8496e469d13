import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLineOf, InputError } from '../../domain/errors.js';
import { formatFirstIssue, formatPath } from '../../domain/format-issues.js';
import type { CompiledCause, CompiledPattern, CompiledSignature, PatternLibrary } from './compiled-pattern.js';
import { patternSchema, STANDARD_PLACEHOLDERS, type Pattern, type Signature } from './pattern-schema.js';
import { parsePatternYaml } from './pattern-bundle.js';
import { findUnsafeRegex } from './regex-safety.js';

/** `patterns/` at the package root, found by walking up from this module (works from src/ and dist/). */
export function defaultPatternsDir(): string {
  return join(packageRoot(), 'patterns');
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new InputError('cannot find the k8sdiag package root (no package.json above the installed files); reinstall k8sdiag');
}

/**
 * Reads every `*.yaml`/`*.yml` in `dir`, validates it and compiles its regexes.
 * Any problem throws an InputError naming the file and the bad field on one line.
 */
export function loadPatterns(dir: string): PatternLibrary {
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    throw new InputError(`${dir}: cannot read the pattern directory (${(error as Error).message})`, dir, { cause: error });
  }
  if (entries.length === 0) throw new InputError(`${dir}: no pattern files (*.yaml) found`, dir);
  const patterns: CompiledPattern[] = [];
  // Only the shipped directory has a build-time bundle; any other directory is parsed as YAML.
  const bundleRoot = dir === defaultPatternsDir() ? packageRoot() : undefined;
  const seen = new Map<string, string>();
  for (const name of entries) {
    const file = join(dir, name);
    const pattern = compilePattern(parsePatternFile(file, bundleRoot), file);
    const previous = seen.get(pattern.id);
    if (previous) throw new InputError(`${file}: id: "${pattern.id}" is already used by ${previous}`, file);
    seen.set(pattern.id, file);
    patterns.push(pattern);
  }
  return { dir, patterns };
}

let shippedLibrary: PatternLibrary | undefined;

/** The shipped library, read once per process on first use. */
export function loadDefaultPatterns(): PatternLibrary {
  shippedLibrary ??= loadPatterns(defaultPatternsDir());
  return shippedLibrary;
}

function parsePatternFile(file: string, bundleRoot: string | undefined): Pattern {
  let raw: unknown;
  try {
    raw = parsePatternYaml(readFileSync(file, 'utf8'), bundleRoot);
  } catch (error) {
    const linePos = (error as { linePos?: { line: number }[] }).linePos;
    const where = linePos?.[0] ? ` line ${linePos[0].line}` : '';
    throw new InputError(`${file}:${where} invalid YAML: ${firstLineOf(error)}`, file, { cause: error });
  }
  const parsed = patternSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${file}: ${formatFirstIssue(parsed.error)}`, file);
  const expectedId = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.id !== expectedId) {
    throw new InputError(`${file}: id: "${parsed.data.id}" must equal the file name "${expectedId}"`, file);
  }
  return parsed.data;
}

function compilePattern(pattern: Pattern, file: string): CompiledPattern {
  const logTriggers = (pattern.triggers.logPatterns ?? []).map((source, index) =>
    compileRegex(source, file, ['triggers', 'logPatterns', index]),
  );
  const causeIds = new Set<string>();
  const causes = pattern.causes.map((cause, causeIndex): CompiledCause => {
    const at = ['causes', causeIndex];
    if (causeIds.has(cause.id)) throw new InputError(`${file}: ${formatPath([...at, 'id'])}: duplicate cause id "${cause.id}"`, file);
    causeIds.add(cause.id);
    const signatures = cause.signatures.map((s, i) => compileSignature(s, file, [...at, 'signatures', i]));
    const unless = (cause.unless ?? []).map((s, i) => compileSignature(s, file, [...at, 'unless', i]));
    checkPlaceholders(cause, signatures, file, at);
    return { ...cause, signatures, unless };
  });
  return { ...pattern, causes, logTriggers, file };
}

function compileSignature(signature: Signature, file: string, path: (string | number)[]): CompiledSignature {
  if (signature.eventReasons && signature.where !== 'event') {
    throw new InputError(`${file}: ${formatPath([...path, 'eventReasons'])}: only allowed with where: event`, file);
  }
  const source = signature.regex ?? escapeRegex(signature.contains ?? '');
  const test = compileRegex(source, file, [...path, signature.regex === undefined ? 'contains' : 'regex']);
  const groups = [...source.matchAll(/\(\?<([A-Za-z][A-Za-z0-9]*)>/g)].map((m) => m[1] ?? '');
  const reserved = groups.find((g) => (STANDARD_PLACEHOLDERS as readonly string[]).includes(g));
  if (reserved) throw new InputError(`${file}: ${formatPath([...path, 'regex'])}: group name "${reserved}" is a reserved placeholder`, file);
  return { ...signature, test, groups };
}

function compileRegex(source: string, file: string, path: (string | number)[]): RegExp {
  const unsafe = findUnsafeRegex(source);
  if (unsafe) throw new InputError(`${file}: ${formatPath(path)}: unsafe regex /${source}/: ${unsafe}`, file);
  try {
    return new RegExp(source, 'i');
  } catch (error) {
    throw new InputError(`${file}: ${formatPath(path)}: invalid regex /${source}/: ${(error as Error).message}`, file, { cause: error });
  }
}

/** A typo in a placeholder would print `{contianer}` to the user; catch it at load. */
function checkPlaceholders(cause: Pattern['causes'][number], signatures: CompiledSignature[], file: string, at: (string | number)[]): void {
  const known = new Set<string>([...STANDARD_PLACEHOLDERS, ...signatures.flatMap((s) => s.groups)]);
  const texts: [string, string | undefined][] = [
    ['title', cause.title],
    ['description', cause.description],
    ['fix.description', cause.fix.description],
    ['fix.command', cause.fix.command],
  ];
  for (const [field, text] of texts) {
    for (const match of (text ?? '').matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
      const name = match[1] ?? '';
      if (!known.has(name)) {
        throw new InputError(`${file}: ${formatPath(at)}.${field}: unknown placeholder {${name}} (known: ${[...known].join(', ')})`, file);
      }
    }
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CATEGORIES, categorySchema } from '../src/domain/categories.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = join(repoRoot, 'docs-corpus');
const queriesDir = join(repoRoot, 'bench', 'queries');
const k8sDocsDir = resolve(repoRoot, '..', 'shared', 'k8s-docs', 'content');

const frontMatterSchema = z.object({
  title: z.string().min(10),
  categories: z.array(categorySchema).min(1),
  tags: z.array(z.string().min(1)).min(1),
});

const querySetSchema = z
  .array(
    z.object({
      id: z.string().min(1),
      query: z.string().min(5),
      relevant: z.array(z.string().regex(/\.md$/)).min(1),
    }),
  )
  .min(1);

type QuerySet = z.infer<typeof querySetSchema>;

interface CorpusDoc {
  file: string;
  frontMatter: unknown;
  body: string;
}

function readCorpus(): CorpusDoc[] {
  return readdirSync(corpusDir)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(corpusDir, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      return { file, frontMatter: match ? parseYaml(match[1] ?? '') : undefined, body: match?.[2] ?? text };
    });
}

function readQuerySet(name: string): QuerySet {
  const raw: unknown = JSON.parse(readFileSync(join(queriesDir, name), 'utf8'));
  const result = querySetSchema.safeParse(raw);
  if (!result.success) throw new Error(`${name}: ${result.error.message}`);
  return result.data;
}

function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter((word) => /[A-Za-z0-9]/.test(word)).length;
}

const docs = readCorpus();

describe('docs-corpus documents', () => {
  it('has at least 40 documents', () => {
    expect(docs.length).toBeGreaterThanOrEqual(40);
  });

  it.each(docs.map((doc) => [doc.file, doc] as const))('%s has valid front matter', (_file, doc) => {
    const result = frontMatterSchema.safeParse(doc.frontMatter);
    expect(result.success ? 'ok' : result.error.message).toBe('ok');
  });

  it.each(docs.map((doc) => [doc.file, doc] as const))('%s is a sized, sectioned markdown document', (file, doc) => {
    expect(file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.md$/);
    const words = wordCount(doc.body);
    expect(words).toBeGreaterThanOrEqual(300);
    expect(words).toBeLessThanOrEqual(1200);
    expect(doc.body).toMatch(/^## /m);
  });

  it('covers every root-cause category except healthy and unknown', () => {
    const covered = new Set(
      docs.flatMap((doc) => frontMatterSchema.safeParse(doc.frontMatter).data?.categories ?? []),
    );
    const missing = CATEGORIES.filter((c) => c !== 'healthy' && c !== 'unknown' && !covered.has(c));
    expect(missing).toEqual([]);
  });

  it('has unique titles', () => {
    const titles = docs.map((doc) => frontMatterSchema.safeParse(doc.frontMatter).data?.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe('docs-corpus query set', () => {
  const queries = readQuerySet('docs-corpus.json');

  it('has at least 60 questions with unique ids', () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
  });

  it('points only at documents that exist', () => {
    const missing = queries.flatMap((q) => q.relevant.filter((path) => !existsSync(join(corpusDir, path))));
    expect(missing).toEqual([]);
  });

  it('asks about every document at least once', () => {
    const asked = new Set(queries.flatMap((q) => q.relevant));
    expect(docs.map((doc) => doc.file).filter((file) => !asked.has(file))).toEqual([]);
  });
});

const k8sDocsPresent = existsSync(k8sDocsDir);
if (!k8sDocsPresent) {
  console.warn(`k8s-docs query set: ${k8sDocsDir} is absent, so relevant paths are not checked`);
}

describe('k8s-docs query set', () => {
  const queries = readQuerySet('k8s-docs.json');

  it('has at least 30 questions with unique ids', () => {
    expect(queries.length).toBeGreaterThanOrEqual(30);
    expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
  });

  it('uses paths relative to the content directory', () => {
    const absolute = queries.flatMap((q) => q.relevant.filter((path) => path.startsWith('/') || path.startsWith('content/')));
    expect(absolute).toEqual([]);
  });

  it.runIf(k8sDocsPresent)('points only at files that exist under ../shared/k8s-docs/content (skipped when that directory is absent)', () => {
    const missing = queries.flatMap((q) => q.relevant.filter((path) => !existsSync(join(k8sDocsDir, path))));
    expect(missing).toEqual([]);
  });
});

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const frontMatterSchema = z.looseObject({ categories: z.array(z.string()).default([]) });

/**
 * Category → documents whose front matter lists it: the relevant set for retrieval
 * recall@k, so no per-scenario relevance labels are needed. Paths are relative to the
 * corpus dir's parent (`docs-corpus/x.md`), the same form references carry.
 */
export async function relevantDocsByCategory(corpusDir: string): Promise<Map<string, string[]>> {
  const byCategory = new Map<string, string[]>();
  let files: string[];
  try {
    files = (await readdir(corpusDir, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
  } catch {
    return byCategory;
  }
  for (const file of files) {
    const text = await readFile(join(corpusDir, file), 'utf8');
    const match = /^---\r?\n([^]*?)\r?\n---/.exec(text);
    if (!match) continue;
    const parsed = frontMatterSchema.safeParse(parse(match[1] ?? ''));
    if (!parsed.success) continue;
    const source = relative(join(corpusDir, '..'), join(corpusDir, file)).split('\\').join('/');
    for (const category of parsed.data.categories) byCategory.set(category, [...(byCategory.get(category) ?? []), source]);
  }
  return byCategory;
}

/** A reference matches a relevant doc by path suffix, so `docs-corpus/x.md` and `x.md` agree. */
export function sameDoc(reference: string, doc: string): boolean {
  const strip = (path: string): string => path.replace(/#.*$/, '').replace(/^\.?\//, '');
  const a = strip(reference);
  const b = strip(doc);
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

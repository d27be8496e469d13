import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { MarkdownDocument } from './chunk-markdown.js';
import { splitFrontMatter, stripShortcodes } from './strip-hugo.js';

export interface Corpus {
  documents: MarkdownDocument[];
  /** sha256 over every file's relative path and bytes: any edit, addition or removal changes it. */
  hash: string;
}

async function listMarkdown(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listMarkdown(path)));
    else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) files.push(path);
  }
  return files;
}

function titleFromBody(body: string, source: string): string {
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(body);
  if (heading?.[1]) return heading[1];
  const base = source.split('/').pop() ?? source;
  return base.replace(/\.(md|markdown)$/i, '').replace(/[-_]+/g, ' ');
}

/** Reads every markdown file under `docsDir` (sorted, so the hash and chunk ids are stable). */
export async function loadCorpus(docsDir: string): Promise<Corpus> {
  const files = (await listMarkdown(docsDir)).sort();
  const hash = createHash('sha256');
  const documents: MarkdownDocument[] = [];
  for (const file of files) {
    const raw = await readFile(file, 'utf8');
    const source = relative(docsDir, file).split(sep).join('/');
    hash.update(source).update('\0').update(raw).update('\0');
    const { frontMatter, body } = splitFrontMatter(raw);
    const stripped = stripShortcodes(body);
    documents.push({
      source,
      title: frontMatter.title ?? titleFromBody(stripped, source),
      categories: frontMatter.categories,
      tags: frontMatter.tags,
      body: stripped,
    });
  }
  return { documents, hash: hash.digest('hex') };
}

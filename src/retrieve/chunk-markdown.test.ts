import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkMarkdown, estimateTokens, type MarkdownDocument } from './chunk-markdown.js';
import { splitFrontMatter, stripShortcodes } from './strip-hugo.js';

const K8S_DOCS = join(import.meta.dirname, '../../../shared/k8s-docs/content');

function doc(body: string, title = 'Doc'): MarkdownDocument {
  return { source: 'a/b.md', title, categories: ['oom-killed'], tags: ['memory'], body };
}

describe('chunkMarkdown', () => {
  it('keeps the heading path and never crosses a heading', () => {
    const chunks = chunkMarkdown(doc('# Doc\n\nIntro text.\n\n## Causes\n\nMemory grows.\n\n### Leaks\n\nA leak.\n\n## Fix\n\nRaise the limit.'));
    expect(chunks.map((c) => [c.headingPath.join(' > '), c.text])).toEqual([
      ['', 'Intro text.'],
      ['Causes', 'Memory grows.'],
      ['Causes > Leaks', 'A leak.'],
      ['Fix', 'Raise the limit.'],
    ]);
    expect(chunks[1]).toMatchObject({ source: 'a/b.md', title: 'Doc', categories: ['oom-killed'], tags: ['memory'] });
  });

  it('respects the budget with overlap, and keeps a fenced block whole even when it is larger', () => {
    const prose = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} explains a detail of the probe.`).join(' ');
    const code = ['```yaml', ...Array.from({ length: 60 }, (_, i) => `key${i}: value-${i}`), '```'].join('\n');
    const chunks = chunkMarkdown(doc(`## Probe\n\n${prose}\n\n${code}\n\nAfter the code.`), { maxTokens: 80, overlapTokens: 12 });
    const fenced = chunks.filter((c) => c.text.includes('```'));
    expect(fenced).toHaveLength(1);
    expect(fenced[0]?.text).toContain('key0: value-0');
    expect(fenced[0]?.text).toContain('key59: value-59');
    expect(fenced[0]?.text.match(/```/g)).toHaveLength(2);
    for (const chunk of chunks.filter((c) => !c.text.includes('```'))) expect(estimateTokens(chunk.text)).toBeLessThanOrEqual(80 + 12 + 4);
    // Overlap: the second chunk opens with the last words of the first.
    const [first, second] = chunks;
    const opening = second?.text.split(' ').slice(0, 4).join(' ') ?? '';
    expect(opening.length).toBeGreaterThan(0);
    expect(first?.text.slice(-120)).toContain(opening);
  });

  it('does not treat # inside a code fence as a heading', () => {
    const chunks = chunkMarkdown(doc('## Script\n\n```bash\n# not a heading\necho hi\n```'));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.headingPath).toEqual(['Script']);
  });
});

describe('Hugo front matter and shortcodes', () => {
  it('reads the real init-container debugging page: title, headings, no shortcode markup', () => {
    const raw = readFileSync(join(K8S_DOCS, 'tasks/debug/debug-application/debug-init-containers.md'), 'utf8');
    const { frontMatter, body } = splitFrontMatter(raw);
    expect(frontMatter.title).toBe('Debug Init Containers');
    const chunks = chunkMarkdown({ source: 'x.md', title: frontMatter.title ?? '', categories: [], tags: [], body: stripShortcodes(body) });
    const all = chunks.map((c) => c.text).join('\n');
    expect(all).not.toMatch(/\{\{[<%]/);
    expect(all).not.toContain('<!--');
    const headings = chunks.map((c) => c.headingPath.join(' > '));
    expect(headings).toContain('Before you begin');
    expect(headings).toContain('Checking the status of Init Containers');
    expect(all).toContain('kubectl describe pod <pod-name>');
  });

  it('keeps the visible text of paired and tooltip shortcodes', () => {
    const text = stripShortcodes('{{< note >}}\nA {{< glossary_tooltip text="Pod" term_id="pod" >}} restarts.\n{{< /note >}}\n{{% heading "whatsnext" %}}');
    expect(text).toContain('A Pod restarts.');
    expect(text).toContain("What's next");
    expect(text).not.toContain('{{');
  });

  it('reads project front matter with categories and tags', () => {
    const { frontMatter } = splitFrontMatter('---\ntitle: "OOM"\ncategories: [oom-killed]\ntags: [memory, exit-137]\n---\n# OOM\n');
    expect(frontMatter).toEqual({ title: 'OOM', categories: ['oom-killed'], tags: ['memory', 'exit-137'] });
  });
});

import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  title?: string;
  categories: string[];
  tags: string[];
}

export interface ParsedMarkdown {
  frontMatter: FrontMatter;
  body: string;
}

/** Hugo's `{{% heading "x" %}}` renders a fixed English heading; keep the words a reader sees. */
const HEADING_NAMES: Record<string, string> = {
  prerequisites: 'Before you begin',
  whatsnext: "What's next",
  objectives: 'Objectives',
  cleanup: 'Clean up',
  synopsis: 'Synopsis',
  options: 'Options',
  seealso: 'See also',
};

function toStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

function readYamlFrontMatter(raw: string): Record<string, unknown> {
  try {
    const data: unknown = parseYaml(raw);
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    // A broken header must not drop the document: the body is still worth indexing.
    return {};
  }
}

/** TOML front matter (`+++`) is rare in docs trees; reading `key = "value"` lines covers title/tags. */
function readTomlFrontMatter(raw: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const line of raw.split('\n')) {
    const match = /^\s*([A-Za-z_][\w-]*)\s*=\s*(.+?)\s*$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    const value = match[2];
    if (value.startsWith('[')) data[match[1]] = [...value.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
    else data[match[1]] = value.replace(/^["']|["']$/g, '');
  }
  return data;
}

export function splitFrontMatter(text: string): ParsedMarkdown {
  const normalized = text.replace(/\r\n/g, '\n').replace(/^\uFEFF/, '');
  const match = /^(---|\+\+\+)\n([\s\S]*?)\n\1[ \t]*(?:\n|$)/.exec(normalized);
  const data = match ? (match[1] === '---' ? readYamlFrontMatter(match[2] ?? '') : readTomlFrontMatter(match[2] ?? '')) : {};
  const body = match ? normalized.slice(match[0].length) : normalized;
  const title = typeof data.title === 'string' ? data.title : typeof data.linkTitle === 'string' ? data.linkTitle : undefined;
  return {
    frontMatter: { ...(title ? { title } : {}), categories: toStringList(data.categories), tags: toStringList(data.tags) },
    body,
  };
}

/** Reads one named argument (`text="Pod"` or `text='Pod'`) from a shortcode's argument string. */
function shortcodeArg(args: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(args);
  return match ? (match[1] ?? match[2]) : undefined;
}

function renderShortcode(name: string, args: string): string {
  if (name === 'heading') {
    const key = /"([^"]+)"|'([^']+)'|(\S+)/.exec(args.trim());
    const id = key ? (key[1] ?? key[2] ?? key[3] ?? '') : '';
    return HEADING_NAMES[id] ?? id;
  }
  // Inline shortcodes whose visible text is an argument (glossary tooltips, API links).
  const visible = shortcodeArg(args, 'text') ?? shortcodeArg(args, 'title');
  return visible ?? '';
}

/**
 * Removes Hugo shortcodes and HTML comments, keeping the text a reader would see:
 * paired shortcodes (`{{< note >}}…{{< /note >}}`) keep their content, `heading` keeps its words,
 * tooltips keep their `text`, and includes/version checks vanish.
 */
export function stripShortcodes(body: string): string {
  return body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\{\{[<%]\s*\/\s*[\w.-]+\s*[%>]\}\}/g, '')
    .replace(/\{\{[<%]\s*([\w.-]+)([\s\S]*?)\s*[%>]\}\}/g, (_all, name: string, args: string) => renderShortcode(name, args))
    .replace(/\n{3,}/g, '\n\n');
}

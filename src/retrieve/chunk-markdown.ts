import type { Chunk } from '../domain/passage.js';

export interface ChunkerSettings {
  /** Budget per chunk in estimated tokens (about 4 characters each); bge reads at most 512. */
  maxTokens: number;
  /** Tokens of the previous chunk's tail repeated at the start of the next, within one section. */
  overlapTokens: number;
}

export const DEFAULT_CHUNKER: ChunkerSettings = { maxTokens: 320, overlapTokens: 48 };

export interface MarkdownDocument {
  source: string;
  title: string;
  categories: string[];
  tags: string[];
  /** Markdown body with front matter and shortcodes already removed. */
  body: string;
}

interface Section {
  headingPath: string[];
  blocks: string[];
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;

/** Splits into sections at ATX headings and each section into blocks; a fenced block is one block. */
function splitSections(body: string, title: string): Section[] {
  const sections: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let current: Section = { headingPath: [], blocks: [] };
  let paragraph: string[] = [];
  let fence: { marker: string; lines: string[] } | undefined;

  const flushParagraph = (): void => {
    const text = paragraph.join('\n').trim();
    if (text) current.blocks.push(text);
    paragraph = [];
  };

  for (const line of body.split('\n')) {
    if (fence) {
      fence.lines.push(line);
      const close = FENCE.exec(line);
      if (close?.[1] && close[1][0] === fence.marker[0] && close[1].length >= fence.marker.length && line.trim() === close[1]) {
        current.blocks.push(fence.lines.join('\n'));
        fence = undefined;
      }
      continue;
    }
    const open = FENCE.exec(line);
    if (open?.[1]) {
      flushParagraph();
      fence = { marker: open[1], lines: [line] };
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading?.[1] && heading[2]) {
      flushParagraph();
      if (current.blocks.length > 0) sections.push(current);
      const level = heading[1].length;
      while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= level) stack.pop();
      const text = heading[2].replace(/\{#[^}]*\}\s*$/, '').trim();
      // A level-1 heading that repeats the title adds nothing to the path.
      if (!(level === 1 && text.toLowerCase() === title.toLowerCase())) stack.push({ level, text });
      current = { headingPath: stack.map((h) => h.text), blocks: [] };
      continue;
    }
    if (line.trim() === '') flushParagraph();
    else paragraph.push(line);
  }
  // An unclosed fence runs to the end of the document, as CommonMark reads it.
  if (fence) current.blocks.push(fence.lines.join('\n'));
  flushParagraph();
  if (current.blocks.length > 0) sections.push(current);
  return sections;
}

/** A prose block over budget is cut at sentence ends, or at words when a sentence is itself too long. */
function splitProse(block: string, maxTokens: number): string[] {
  const sentences = block.split(/(?<=[.!?])\s+(?=[A-Z0-9`*[(])/);
  const pieces: string[] = [];
  let piece = '';
  const push = (text: string): void => {
    if (piece && estimateTokens(`${piece} ${text}`) > maxTokens) {
      pieces.push(piece);
      piece = text;
    } else piece = piece ? `${piece} ${text}` : text;
  };
  for (const sentence of sentences) {
    if (estimateTokens(sentence) <= maxTokens) push(sentence);
    else for (const word of sentence.split(/\s+/)) push(word);
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function isFence(block: string): boolean {
  return FENCE.test(block);
}

/** The tail of a chunk repeated in the next: whole prose words only, never part of a code fence. */
function overlapTail(blocks: string[], overlapTokens: number): string {
  const last = blocks[blocks.length - 1];
  if (!last || overlapTokens <= 0 || isFence(last)) return '';
  const words = last.split(/\s+/);
  const tail: string[] = [];
  for (let i = words.length - 1; i >= 0; i -= 1) {
    const word = words[i] ?? '';
    if (estimateTokens([word, ...tail].join(' ')) > overlapTokens) break;
    tail.unshift(word);
  }
  return tail.length === words.length && blocks.length === 1 ? '' : tail.join(' ');
}

/**
 * Heading-aware chunking: chunks never cross a heading, pack whole blocks up to the budget,
 * repeat a short prose overlap, and keep fenced code whole even when it alone exceeds the budget.
 */
export function chunkMarkdown(document: MarkdownDocument, settings: ChunkerSettings = DEFAULT_CHUNKER, firstId = 0): Chunk[] {
  const chunks: Chunk[] = [];
  const emit = (headingPath: string[], blocks: string[]): void => {
    const text = blocks.join('\n\n').trim();
    if (!text) return;
    chunks.push({
      id: firstId + chunks.length,
      source: document.source,
      title: document.title,
      headingPath,
      categories: document.categories,
      tags: document.tags,
      text,
    });
  };

  for (const section of splitSections(document.body, document.title)) {
    const blocks = section.blocks.flatMap((b) => (isFence(b) || estimateTokens(b) <= settings.maxTokens ? [b] : splitProse(b, settings.maxTokens)));
    let pending: string[] = [];
    let hasNew = false;
    for (const block of blocks) {
      if (hasNew && estimateTokens([...pending, block].join('\n\n')) > settings.maxTokens) {
        emit(section.headingPath, pending);
        const tail = overlapTail(pending, settings.overlapTokens);
        pending = tail ? [tail] : [];
        hasNew = false;
      }
      pending.push(block);
      hasNew = true;
    }
    if (hasNew) emit(section.headingPath, pending);
  }
  return chunks;
}

/** What gets embedded and keyword-indexed: the document title and heading path give a chunk its topic. */
export function chunkSearchText(chunk: Chunk): string {
  return [[chunk.title, ...chunk.headingPath].filter(Boolean).join(' > '), chunk.text].join('\n');
}

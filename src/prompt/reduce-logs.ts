/** What the reduction kept, so the prompt (and -v) can say how much of the log the model saw. */
export interface LogReduction {
  text: string;
  originalLines: number;
  keptLines: number;
  /** Distinct lines that repeated, folded into one line with a count. */
  foldedDuplicates: number;
  errorLines: number;
  /** Stack frames dropped from the middle of traces (the header, top frames and root cause stay). */
  omittedFrames: number;
  truncated: boolean;
}

const ERROR_LINE = /\b(error|err|exception|fatal|panic|critical|failed|failure|refused|denied|cannot|can't|could not|unable to|timed? ?out|no such|not found|killed|traceback|caused by|unhandled|uncaught|invalid|missing|exit(?:ed)? (?:code|status))\b|^E\d{4} /i;
const STACK_FRAME = /^\s+at |^\s+File "|^\s*\.\.\. \d+ (more|common frames omitted)|^\t\S+\.go:\d+|^\s+\S+\(.*\)$|^\S+\.\w+\(.*0x[0-9a-f]+.*\)$|^\s+from \S+:\d+/;
const CAUSE_LINE = /^\s*(Caused by:|The above exception was the direct cause|During handling of the above exception|panic:|goroutine \d+ \[)/;

/** Timestamps, ids and numbers differ between otherwise identical lines; ignore them when folding. */
function foldKey(line: string): string {
  return line
    .replace(/^\S*\d{4}-\d\d-\d\d[T ][\d:.,]+\S*\s*/, '')
    .replace(/\b[0-9a-f]{8,}\b/gi, '#')
    .replace(/\d+/g, '#')
    .trim();
}

interface Line {
  text: string;
  count: number;
  error: boolean;
  frame: boolean;
  cause: boolean;
}

function fold(lines: readonly string[]): Line[] {
  const out: Line[] = [];
  const seen = new Map<string, Line>();
  for (const text of lines) {
    const frame = STACK_FRAME.test(text);
    const key = foldKey(text);
    const existing = frame || key === '' ? undefined : seen.get(key);
    if (existing) {
      existing.count++;
      continue;
    }
    const line: Line = { text, count: 1, error: !frame && ERROR_LINE.test(text), frame, cause: CAUSE_LINE.test(text) };
    if (!frame && key !== '') seen.set(key, line);
    out.push(line);
  }
  return out;
}

/** Keeps the first frames of each trace run and the frames right after a cause line; counts the rest. */
function trimFrames(lines: Line[], keepTop: number): { lines: Line[]; omitted: number } {
  const out: Line[] = [];
  let omitted = 0;
  let run = 0;
  let pending = 0;
  for (const line of lines) {
    if (!line.frame) {
      if (pending > 0) out.push({ text: `\t... ${pending} frames omitted`, count: 1, error: false, frame: true, cause: false });
      pending = 0;
      run = 0;
      out.push(line);
      continue;
    }
    run++;
    if (run <= keepTop) out.push(line);
    else {
      pending++;
      omitted++;
    }
  }
  if (pending > 0) out.push({ text: `\t... ${pending} frames omitted`, count: 1, error: false, frame: true, cause: false });
  return { lines: out, omitted };
}

const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/**
 * Fits a log into a token budget without losing what explains a crash: repeated lines fold
 * into one with a count, error lines stay with a line of context either side, traces keep
 * their header, top frames and every `Caused by` (the root is the last one), and the tail
 * (what happened right before the exit) is preferred over the middle.
 */
export function reduceLogs(text: string, tokenBudget: number): LogReduction {
  const original = text.split('\n');
  while (original.length > 0 && original[original.length - 1] === '') original.pop();
  const folded = fold(original);
  const { lines, omitted } = trimFrames(folded, 3);
  const render = (line: Line): string => (line.count > 1 ? `${line.text}  [repeated ${line.count}x]` : line.text);

  const important = new Set<number>();
  lines.forEach((line, index) => {
    if (line.error || line.cause) {
      for (let k = index - 1; k <= index + 1; k++) if (k >= 0 && k < lines.length) important.add(k);
      // The frames under a cause point at the code that failed.
      for (let k = index + 1; k < lines.length && lines[k]?.frame && k <= index + 3; k++) important.add(k);
    }
  });
  let budget = tokenBudget;
  const keep = new Set<number>();
  const take = (index: number): void => {
    const line = lines[index];
    if (!line || keep.has(index)) return;
    const cost = estimateTokens(render(line)) + 1;
    if (cost > budget) return;
    keep.add(index);
    budget -= cost;
  };
  // Error lines from the end first: the last failure before the exit matters most.
  [...important].sort((a, b) => b - a).forEach(take);
  for (let index = lines.length - 1; index >= Math.max(0, lines.length - 20); index--) take(index);
  for (let index = 0; index < Math.min(5, lines.length); index++) take(index);
  for (let index = lines.length - 21; index >= 5; index--) take(index);

  const kept = [...keep].sort((a, b) => a - b);
  const out: string[] = [];
  let previous = -1;
  for (const index of kept) {
    if (index > previous + 1) out.push(`[... ${index - previous - 1} lines not shown ...]`);
    out.push(render(lines[index] as Line));
    previous = index;
  }
  if (previous < lines.length - 1) out.push(`[... ${lines.length - 1 - previous} lines not shown ...]`);
  return {
    text: out.join('\n'),
    originalLines: original.length,
    keptLines: kept.reduce((sum, index) => sum + (lines[index]?.count ?? 1), 0),
    foldedDuplicates: folded.filter((l) => l.count > 1).length,
    errorLines: lines.filter((l) => l.error).length,
    omittedFrames: omitted,
    truncated: kept.length < lines.length,
  };
}

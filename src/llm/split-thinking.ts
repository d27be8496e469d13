/**
 * Reasoning models served through chat APIs (deepseek-r1 on Ollama or vLLM) put their trace
 * inline as `<think>…</think>`; we move it out so the answer parser only sees the answer.
 * An unclosed `<think>` (answer cut off by max tokens) is all thinking.
 */
export function splitThinking(text: string): { text: string; thinking: string | undefined } {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('<think>');
    if (open === -1) break;
    const close = rest.indexOf('</think>', open);
    if (close === -1) {
      parts.push(rest.slice(open + 7).trim());
      rest = rest.slice(0, open);
      break;
    }
    parts.push(rest.slice(open + 7, close).trim());
    rest = rest.slice(0, open) + rest.slice(close + 8);
  }
  const thinking = parts.filter((p) => p.length > 0).join('\n\n');
  return { text: rest.trim(), thinking: thinking.length > 0 ? thinking : undefined };
}

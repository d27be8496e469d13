import { REDACTED, redactWithCount } from '../redact/redact.js';

// Shapes the shared redactor does not cover yet, applied on top for text sent to an LLM.
const EXTRA_RULES: { pattern: RegExp; replace: string }[] = [
  // Password-only credentials in a URL: redis://:secret@host, amqp://:secret@host.
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/):([^\s@'"/]+)@/gi, replace: `$1:***@` },
  // Cookie and API-key headers.
  { pattern: /\b((?:x-api-key|api-key|cookie|set-cookie)\s*:\s*)[^\s;,]+/gi, replace: `$1${REDACTED}` },
];

/** Everything that leaves the process for an LLM goes through here: the shared redaction, then the extras. */
export function redactPrompt(text: string): { text: string; count: number } {
  const base = redactWithCount(text);
  let count = base.count;
  let out = base.text;
  for (const rule of EXTRA_RULES) {
    out = out.replace(rule.pattern, (...args: unknown[]) => {
      count++;
      const match = String(args[0]);
      return match.replace(rule.pattern, rule.replace);
    });
  }
  return { text: out, count };
}

/**
 * The one redaction pass for text that leaves the process: evidence quoted from logs and
 * events now, prompts sent to an LLM later. Key names are kept so a redacted line still
 * reads ("DB_PASSWORD=[REDACTED]"); only the secret value is replaced.
 */

export const REDACTED = '[REDACTED]';

interface Rule {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

// Key names that hold a secret. `password` must be followed by a separator and a value,
// so prose like "password reset email sent" stays untouched.
// The key must END in the secret word (optionally `_key`), so `max_tokens=100`, `secretName: x`
// and `passed: 42` are left alone.
const SECRET_KEY = String.raw`[A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?)(?:[_-]?key)?(?![A-Za-z0-9])`;

const RULES: Rule[] = [
  // PEM private key blocks, possibly spanning many lines.
  {
    pattern: /-----BEGIN ((?:[A-Z]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g,
    replace: (_m, kind) => `-----BEGIN ${kind}----- ${REDACTED} -----END ${kind}-----`,
  },
  // Credentials inside connection strings: scheme://user:pass@host keeps the user; the user may
  // be empty, as in the password-only redis://:pass@host and amqp://:pass@host forms.
  {
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@'"]*):([^\s@'"/]+)@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:***@`,
  },
  // Authorization headers.
  {
    pattern: /\b(Authorization\s*[:=]\s*"?(?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]+/gi,
    replace: (_m, head) => `${head}${REDACTED}`,
  },
  // Cookie headers (request and response, header-style or as a JSON field): the whole value, since
  // every name=value pair in it may be a session.
  {
    pattern: /(["']?\b(?:set-)?cookie["']?\s*:\s*["']?)([^\r\n"']+)/gi,
    replace: (_m, head, value) => (isPlaceholder(value.trim()) ? `${head}${value}` : `${head}${REDACTED}`),
  },
  // API-key headers whose name does not end in a secret word the generic rule knows.
  {
    pattern: /\b((?:x-api-key|api-key|x-auth-token|x-goog-api-key|ocp-apim-subscription-key)\s*:\s*)([^\s;,"']+)/gi,
    replace: (_m, head, value) => (isPlaceholder(value) ? `${head}${value}` : `${head}${REDACTED}`),
  },
  // JSON / YAML / env / query-string style "key": "value", key=value, KEY: value.
  {
    // Not after '/': `https://host/oauth2/token: 401` is a URL path and a status code, not a key.
    pattern: new RegExp(String.raw`(["']?(?<![/\w-])${SECRET_KEY}["']?\s*[:=]\s*)(\[REDACTED\]|"[^"]*"|'[^']*'|[^\s,;&"'}\]]+)`, 'gi'),
    replace: (_m, head, value) => {
      if (isPlaceholder(value)) return `${head}${value}`;
      const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${head}${quote}${REDACTED}${quote}`;
    },
  },
  // JWTs: three base64url parts, the first two starting with '{"' encoded.
  { pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, replace: () => REDACTED },
  // Vendor token shapes that are recognisable on their own.
  { pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g, replace: () => REDACTED },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/g, replace: () => REDACTED },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{30,}/g, replace: () => REDACTED },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: () => REDACTED },
  { pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: () => REDACTED },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, replace: () => REDACTED },
  // AWS secret access key: 40 base64 chars next to a key name that says so.
  {
    pattern: /(aws_secret_access_key|secretAccessKey|AWS_SECRET_ACCESS_KEY)(["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}/g,
    replace: (_m, key, sep) => `${key}${sep}${REDACTED}`,
  },
];

// Values that are already masked or are obviously not secrets (empty, references).
function isPlaceholder(value: string): boolean {
  const bare = value.replace(/^["']|["']$/g, '');
  return bare === '' || bare === REDACTED || /^\*+$/.test(bare) || /^<[^>]*>$/.test(bare) || /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(bare)
    || /^(?:null|none|true|false|required|missing|not set|unset)$/i.test(bare)
    // Error prose such as "failed to fetch anonymous token: unexpected status": the word after the
    // colon describes the failure, and hiding it hides the evidence.
    || /^(?:unexpected|invalid|expired|malformed|denied|unauthorized|forbidden|unknown|error|failed|rejected|revoked|empty|not)$/i.test(bare);
}

export function redactWithCount(text: string): { text: string; count: number } {
  let count = 0;
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // rest is [...captureGroups, offset, input, namedGroups?]; unmatched groups are undefined.
      const offsetIndex = rest.findIndex((g) => typeof g === 'number');
      const groups = rest.slice(0, offsetIndex).map((g) => (typeof g === 'string' ? g : ''));
      const replaced = rule.replace(match, ...groups);
      if (replaced !== match) count++;
      return replaced;
    });
  }
  return { text: out, count };
}

export function redact(text: string): string {
  return redactWithCount(text).text;
}

import type { Category } from '../../domain/categories.js';
import { springFailureAnalysis } from './spring-failure-analysis.js';

/**
 * Finds the decisive line in a container log: the root of the last exception chain
 * (Java `Caused by:`, Python traceback's final line, Node `Error:` before its `at` frames,
 * Go `panic:`), or the last error-level line carrying a known signature. Logs are often
 * thousands of lines of noise; what matters is what happened last before the process died.
 */

export type LogCategory = Extract<Category, 'missing-dependency' | 'config-error' | 'command-error' | 'app-crash'>;

export interface LogSignature {
  category: LogCategory;
  /** The decisive line, trimmed. */
  line: string;
  /** 0-based line index in the log. */
  index: number;
  /** What kind of evidence: an exception chain root, or a single error line. */
  kind: 'exception' | 'line';
  /** host[:port] the app failed to reach, for missing-dependency. */
  dependency?: string;
  /** The env var or config key named, for config-error. */
  configKey?: string;
  /** An earlier line of the same chain that names what the root cause lacks (e.g. the host). */
  related?: string;
}

// Ruby and some loggers put the exception class at the end: `... failed: undefined method 'x' for nil (NoMethodError)`.
const TRAILING_EXCEPTION = /\((?:[A-Z]\w*::)*[A-Z]\w*(?:Error|Exception)\)\s*$/;

const ANSI = /\x1b\[[0-9;]*m/g;

const DEPENDENCY = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|connection refused|Connection refused|no such host|Name or service not known|Temporary failure in name resolution|nodename nor servname|getaddrinfo|i\/o timeout|connect(?:ion)? timed out|could not connect to|couldn't connect to|unable to connect to|failed to connect to|Can't connect to|cannot connect to|Communications link failure|UnknownHostException|ConnectException|NoRouteToHostException|No route to host|server selection timed? ?out|MongoServerSelectionError|is the server running|Could not resolve host|dial tcp [^:]+:\d+: connect|dial tcp: lookup|Connection reset by peer|SERVICE_UNAVAILABLE|upstream connect error/i;

const COMMAND = /exec format error|executable file not found in \$PATH|exec: "[^"]+": (?:permission denied|no such file or directory)|(?:^|\s)(?:\/bin\/(?:ba)?sh|sh|bash)(?::\s*\d+)?:\s*(?:[^:]+:\s*){1,2}(?:not found|No such file or directory|Permission denied)|command not found|exec \S+: no such file or directory|Cannot find module '\/|no such file or directory: '?\/?(?:app|usr|bin)\//i;

const CONFIG = /(?:environment variable|env var(?:iable)?|env)\s+["'`]?[A-Za-z_][A-Za-z0-9_]*["'`]?\s+(?:is\s+)?(?:not set|unset|missing|required|must be (?:set|provided)|is empty)|\b[A-Z][A-Z0-9_]{2,}\b\s+(?:is not set|not set|is required|must be set|is missing|is empty|was not provided)|missing required (?:env(?:ironment)?(?: variable)?|config(?:uration)?|setting|key|field|parameter)|required key \S+ missing value|KeyError: '[A-Z][A-Z0-9_]+'|Could not resolve placeholder|not found in (?:the )?configuration|configuration (?:section|key|value|setting) ['"][^'"]+['"] (?:is )?(?:missing|not found|required)|(?:Section|section) ['"][^'"]+['"] (?:was )?not found|invalid configuration|configuration (?:error|is invalid)|invalid config|failed to (?:load|parse|read) (?:config|configuration|settings)|config(?:uration)? file (?:not found|missing)|open \S*(?:conf|config|settings|\.ya?ml|\.json|\.toml|\.ini|\.env)\S*: no such file or directory|FileNotFoundError: .*(?:conf|config|settings|\.ya?ml|\.json|\.toml|\.ini)|yaml: (?:unmarshal errors|line \d+)|flag provided but not defined|unknown (?:flag|option|shorthand flag)|invalid value "[^"]*" for flag|ValidationError: .*(?:config|settings|env)|pydantic.*validation error|permission denied|Permission denied|EACCES|read-only file system|\[emerg\]|unknown directive|invalid number of arguments in "|configuration file \S+ test failed|yaml\.(?:scanner|parser|constructor)\.\w+Error|ScannerError|ParserError: while parsing|YAMLException|JSONDecodeError: Expecting|toml\.decoder\.\w+Error|invalid character '.' looking for|error parsing (?:config|configuration|yaml|json)/i;

// Lines logged at error level or worse; a signature on an INFO line is weaker evidence.
const ERROR_LEVEL = /\b(?:FATAL|fatal|CRITICAL|CRIT|ERROR|Error|error|panic|PANIC|SEVERE|Exception|exception|failed|Failed|FAILED|level=(?:error|fatal)|"level":"(?:error|fatal)"|\[E\]|^E\d{4})\b/;

// An exception / fatal line that starts a line (after an optional timestamp/level prefix).
const EXCEPTION_LINE = /^(?:Caused by: |Exception in thread "[^"]+" |Uncaught |\[?[A-Z]+\]? ?)?(?:[A-Za-z_$][\w$]*\.)*(?:[A-Za-z_$][\w$]*)?(?:Error|Exception|Exit|Fault|Rejection)(?: \[[A-Z_]+\])?(?::\s.*)?$|^panic: .+|^fatal error: .+|^thread '[^']+' panicked at .+|^Segmentation fault|^Unhandled [Ee]xception[.:] .+|^(?:PHP )?Fatal error: .+|^\*\* \((?:[A-Z]\w*\.)*[A-Z]\w*\) .+/;
// Rust >= 1.73 prints the location on the panic line and the message on the next one.
const RUST_PANIC_LOCATION_ONLY = /^thread '[^']+' panicked at [^\s]+:\d+:\d+:$/;
// Elixir/Erlang frames read `    (app 2.19.0) lib/app/tax.ex:41: Mod.fun/2`.
const FRAME = /^\s+(?:at |File "|\.\.\. \d+ more|\^|[\w./-]+\.go:\d+|goroutine |created by |\([\w.]+ [\d.]+\) )|^\s*$|^goroutine \d+|^\t/;

export function findLogSignature(text: string): LogSignature | undefined {
  const lines = text.replace(ANSI, '').split(/\r?\n/);
  const spring = springFailureAnalysis(lines);
  if (spring) return spring;
  // The latest strong candidate wins (exception roots and error-level lines); an info-level
  // signature only counts when nothing stronger exists.
  let strong: LogSignature | undefined;
  let weak: LogSignature | undefined;

  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.length > 4000) continue;
    const line = raw.trim();
    if (line === '') continue;
    if (EXCEPTION_LINE.test(line)) {
      // Walk to the end of this chain: Caused-by lines, frames, Python's final line.
      let root = line;
      let rootIndex = index;
      let cursor = index + 1;
      const chain = [line];
      while (cursor < lines.length) {
        const next = lines[cursor]!;
        const trimmed = next.trim();
        if (FRAME.test(next) || /^(?:During handling|The above exception|Traceback \(most recent)/.test(trimmed)) {
          cursor++;
          continue;
        }
        if (EXCEPTION_LINE.test(trimmed)) {
          chain.push(trimmed);
          root = trimmed;
          rootIndex = cursor;
          cursor++;
          continue;
        }
        break;
      }
      const message = RUST_PANIC_LOCATION_ONLY.test(root) ? lines[rootIndex + 1]?.trim() : undefined;
      if (message) {
        root = `${root} ${message}`;
        cursor = Math.max(cursor, rootIndex + 2);
      }
      strong = classify(root, rootIndex, 'exception');
      if (strong.category === 'missing-dependency' && !strong.dependency) {
        const named = [...chain].reverse().find((l) => l !== root && dependencyIn(l));
        if (named) strong = { ...strong, dependency: dependencyIn(named)!, related: clip(named) };
      }
      index = cursor - 1;
      continue;
    }
    // A stack frame names code, not a cause: "at ...DependencyInjection.ServiceLookup..." is no DNS failure.
    if (line.startsWith('Traceback (most recent') || FRAME.test(raw)) continue;
    const signature = classifyLine(line, index) ?? (TRAILING_EXCEPTION.test(line) && ERROR_LEVEL.test(line) ? { category: 'app-crash' as const, line: clip(line), index, kind: 'line' as const } : undefined);
    if (!signature) continue;
    if (ERROR_LEVEL.test(line)) strong = signature;
    else weak = signature;
  }
  return strong ?? weak;
}

function classify(line: string, index: number, kind: LogSignature['kind']): LogSignature {
  const specific = classifyLine(line, index);
  if (specific) return { ...specific, kind };
  return { category: 'app-crash', line: clip(line), index, kind };
}

/** A single line with a dependency, command or config signature; undefined for plain errors. */
export function classifyLine(line: string, index = 0): LogSignature | undefined {
  if (COMMAND.test(line)) return { category: 'command-error', line: clip(line, COMMAND), index, kind: 'line' };
  if (DEPENDENCY.test(line)) {
    const dependency = dependencyIn(line);
    return { category: 'missing-dependency', line: clip(line, DEPENDENCY), index, kind: 'line', ...(dependency ? { dependency } : {}) };
  }
  if (CONFIG.test(line)) {
    const configKey = configKeyIn(line);
    return { category: 'config-error', line: clip(line, CONFIG), index, kind: 'line', ...(configKey ? { configKey } : {}) };
  }
  return undefined;
}

export function dependencyIn(line: string): string | undefined {
  const patterns = [
    /dial tcp: lookup ([\w.-]+)/,
    /dial tcp ([\w.-]+:\d+)/,
    /(?:ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH) ([\w.-]+:\d+)/,
    /(?:ENOTFOUND|EAI_AGAIN) ([\w.-]+)/,
    /(?:UnknownHostException|lookup|resolve host):? ["']?([\w.-]+\.[\w.-]+|[\w-]+)/,
    /(?:connect(?:ion)? to|connecting to|reach) (?:server (?:at )?)?["']?([\w.-]+(?::\d+)?)/i,
    /([a-z][\w-]*(?:\.[\w-]+)*:\d{2,5})/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

export function configKeyIn(line: string): string | undefined {
  const match = /(?:environment variable|env var(?:iable)?|env|KeyError:|required key|placeholder)\s+["'`]?([A-Za-z_][A-Za-z0-9_.-]*)["'`]?/i.exec(line)
    ?? /\b([A-Z][A-Z0-9_]{2,})\b\s+(?:is not set|not set|is required|must be set|is missing|is empty|was not provided)/.exec(line);
  return match?.[1];
}

/**
 * Long lines keep their start; when the words that decided the category sit past the cut
 * (a driver's 600-character wrapper around "Connection refused: host:port"), that part is kept too.
 */
function clip(line: string, decisive?: RegExp): string {
  if (line.length <= 400) return line;
  const at = decisive ? line.search(decisive) : -1;
  if (at < 0 || at < 300) return `${line.slice(0, 397)}...`;
  const end = Math.min(line.length, at + 180);
  return `${line.slice(0, 200)} … ${line.slice(Math.max(200, at - 20), end)}${end < line.length ? '...' : ''}`;
}

/**
 * The last error-level line and the line right after it (tools like Flyway or shell scripts
 * print the detail there), for logs where no known signature matched.
 */
export function lastErrorLines(text: string): string[] {
  const lines = text.replace(ANSI, '').split(/\r?\n/).map((l) => l.trim());
  for (let index = lines.length - 1; index >= 0; index--) {
    if (lines[index] && ERROR_LEVEL.test(lines[index]!)) {
      const next = lines[index + 1];
      return [clip(lines[index]!), ...(next ? [clip(next)] : [])];
    }
  }
  const last = [...lines].reverse().find((l) => l !== '');
  return last ? [clip(last)] : [];
}

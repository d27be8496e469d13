import { dependencyIn } from './log-signatures.js';

/**
 * Reads "wait for X" loops (busybox nslookup, nc -z, getent, pg_isready, curl/wget retries)
 * from an init container's log and command: which host it waits for and the line that shows
 * why it never succeeds.
 */

export interface DependencyWait {
  /** Short host as the app names it (search-domain suffixes removed). */
  host: string;
  port?: string;
  /** The log line that shows the failure, or the "waiting for" line. */
  line?: string;
  /** The name does not resolve (NXDOMAIN, bad address) rather than refusing connections. */
  unresolved: boolean;
}

const ANSI = /\x1b\[[0-9;]*m/g;

// Failure lines, most specific first; group 1 is the host, group 2 the port when present.
const FAILURE_LINES: [RegExp, boolean][] = [
  [/server can't find ([\w.-]+?)\.?: NXDOMAIN/, true],
  [/nslookup: can't resolve '([\w.-]+)'/, true],
  [/(?:nc|wget|ping): bad address '([\w.-]+)'/, true],
  [/getaddrinfo for host "([\w.-]+)" port (\d+)/, true],
  [/Could not resolve host: ([\w.-]+)/, true],
  [/([\w.-]+): (?:Name or service not known|Temporary failure in name resolution|No address associated with hostname)/, true],
  [/connect to ([\w.-]+) port (\d+) \(tcp\) failed: (?:Connection refused|Connection timed out|No route to host)/, false],
  [/([\w.-]+):(\d+) - no response/, false],
  [/([\w.-]+) \([\d.]+:(\d+)\) (?:: )?Connection refused/, false],
  [/Failed to connect to ([\w.-]+) port (\d+)/, false],
];

const WAITING_LINE = /\b(?:waiting for|wait for|still waiting on|waiting on)\s+['"]?([a-z0-9][\w.-]*?)(?::(\d+))?['"]?(?:\s|\.\.\.|$|,)/i;

const COMMAND_HOSTS: RegExp[] = [
  /nslookup\s+([a-z0-9][\w.-]*)/i,
  /getent\s+(?:hosts|ahosts)\s+([a-z0-9][\w.-]*)/i,
  /nc\s+(?:-\w+(?:\s+\d+)?\s+)*([a-z][\w.-]*)\s+(\d{2,5})/i,
  /pg_isready\s+(?:-\w+\s+\S+\s+)*?-h\s+([a-z0-9][\w.-]*)(?:\s+-p\s+(\d+))?/i,
  /(?:curl|wget)\s+(?:-\S+\s+)*(?:https?:\/\/)?([a-z0-9][\w.-]*)(?::(\d+))?/i,
];

/** `orders-db.shop.svc.cluster.local` → `orders-db`; external names stay whole. */
export function shortHost(host: string): string {
  const inCluster = /^([a-z0-9-]+)(?:\.[a-z0-9-]+)?\.svc(?:\.cluster\.local)?\.?$/i.exec(host) ?? /^([a-z0-9-]+)\.cluster\.local\.?$/i.exec(host);
  return inCluster ? inCluster[1]! : host.replace(/\.$/, '');
}

export function parseDependencyWait(log: string, command = ''): DependencyWait | undefined {
  const lines = log.replace(ANSI, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let failure: DependencyWait | undefined;
  let waiting: DependencyWait | undefined;
  // Newest lines last: keep the last match so the quote reflects the current state.
  for (const line of lines) {
    for (const [pattern, unresolved] of FAILURE_LINES) {
      const match = pattern.exec(line);
      if (match?.[1]) {
        failure = { host: shortHost(match[1]), ...(match[2] ? { port: match[2] } : {}), line, unresolved };
        break;
      }
    }
    const wait = WAITING_LINE.exec(line);
    if (wait?.[1] && !/^(?:the|a|an|it|db|database|connection|service|dependencies)$/i.test(wait[1])) {
      waiting = { host: shortHost(wait[1]), ...(wait[2] ? { port: wait[2] } : {}), line, unresolved: false };
    }
  }
  if (failure) return failure;
  const fromCommand = COMMAND_HOSTS.map((p) => p.exec(command)).find((m) => m?.[1]);
  const generic = lines.map((l) => (/refused|timed out|unreachable|not known|NXDOMAIN/i.test(l) ? { line: l, host: dependencyIn(l) } : undefined)).filter((x) => x?.host).pop();
  const host = waiting?.host ?? generic?.host ?? fromCommand?.[1];
  if (!host) return undefined;
  const port = waiting?.port ?? fromCommand?.[2];
  const line = generic?.line ?? waiting?.line;
  return { host: shortHost(host.replace(/:\d+$/, '')), ...(port ? { port } : {}), ...(line ? { line } : {}), unresolved: false };
}

import type { Category } from '../domain/categories.js';
import type { Finding } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import { ERROR_SIGNALS } from './error-signals.js';

export interface QueryAnalysis {
  query: string;
  namespace?: string;
  pod?: string;
  container?: string;
  node?: string;
  /** The Kubernetes reason or message kind the question is about, e.g. `OOMKilled`. */
  errorType?: string;
  /** Categories the question points at, strongest first. */
  categories: Category[];
  /** The question split into independent parts; one entry when it is a single question. */
  subQueries: string[];
}

const NAME = '([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)';
/** A word after "pod"/"node" that is plain English, not a resource name. */
const NOT_A_NAME = new Set([
  'is', 'are', 'was', 'the', 'a', 'an', 'that', 'which', 'keeps', 'has', 'will', 'in', 'on', 'to', 'not', 'and', 'with', 'stuck',
  'status', 'never', 'fails', 'failing', 'crashes', 'pending', 'my', 'our', 'your', 'their', 'this', 'these', 'those', 'its', 'every',
  'each', 'some', 'any', 'all', 'new', 'old', 'same', 'one', 'why', 'what', 'how', 'when', 'where', 'do', 'does', 'did', 'should',
  'can', 'could', 'stays', 'still', 'always', 'kubernetes', 'k8s', 'cluster', 'general', 'practice', 'production', 'order', 'case',
]);

/** Kubernetes-generated and most hand-made names carry a dash or a digit; English words do not. */
function looksLikeResourceName(name: string | undefined): name is string {
  return name !== undefined && /[-0-9]/.test(name) && !/^\d+$/.test(name) && !NOT_A_NAME.has(name);
}

function firstName(text: string, patterns: RegExp[]): string | undefined {
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1]?.toLowerCase();
      if (name && !NOT_A_NAME.has(name) && name.length > 1) return name;
    }
  }
  return undefined;
}

/** Kubernetes reasons written as they appear in status and events, checked before the looser phrases. */
const REASON_WORDS = /\b(CrashLoopBackOff|ImagePullBackOff|ErrImagePull|ErrImageNeverPull|InvalidImageName|OOMKilled|CreateContainerConfigError|CreateContainerError|RunContainerError|StartError|ContainerCannotRun|FailedScheduling|FailedMount|FailedAttachVolume|FailedCreatePodSandBox|FailedCreate|Evicted|ProgressDeadlineExceeded|Init:CrashLoopBackOff|Init:Error|DeadlineExceeded|BackoffLimitExceeded)\b/;

/** Splits "why X and how do I Y?" or "X? Also Y" into parts that can be searched on their own. */
export function decomposeQuestion(question: string): string[] {
  const parts = question
    .split(/\?\s+|;\s+|\.\s+(?=(?:also|and|then|how|why|what)\b)|,?\s+(?:and|also|plus|then)\s+(?=(?:how|why|what|which|where|when|is|are|does|do|can|should|will)\b)/i)
    .map((part) => part.replace(/^(?:and|also|then)[,\s]+/i, '').replace(/[?.\s]+$/, '').trim())
    .filter((part) => part.split(/\s+/).length >= 2);
  return parts.length > 0 ? parts : [question.trim()];
}

/** Reads names and the error kind out of a free-text question, without guessing what is not there. */
export function analyzeQuery(question: string): QueryAnalysis {
  const text = question.replace(/\s+/g, ' ').trim();
  const namespace = firstName(text, [
    new RegExp(`(?:^|\\s)(?:-n|--namespace)[= ]${NAME}`, 'gi'),
    new RegExp(`\\bin (?:the )?["'\`]?${NAME}["'\`]? (?:namespace|ns)\\b`, 'gi'),
    new RegExp(`\\bnamespace[: ]+["'\`]?${NAME}`, 'gi'),
    new RegExp(`\\bns/${NAME}`, 'gi'),
  ]);
  // "why is web-7d9f in shop crashing?": a name-like word right after is/why/does, then in/on <namespace>.
  const bare = new RegExp(`\\b(?:is|are|does|did|why|pod)\\s+["'\`]?${NAME}["'\`]?\\s+(?:in|on|from)\\s+(?:the\\s+)?${NAME}\\b`, 'gi').exec(text);
  const barePod = looksLikeResourceName(bare?.[1]?.toLowerCase()) ? bare?.[1]?.toLowerCase() : undefined;
  const bareNamespace = barePod && bare?.[2] && bare[2] === bare[2].toLowerCase() && !NOT_A_NAME.has(bare[2]) ? bare[2] : undefined;
  const pod = barePod ?? firstName(text, [
    new RegExp(`\\bpods?/${NAME}`, 'gi'),
    new RegExp(`\\bpods?[: ]+["'\`]?${NAME}`, 'gi'),
    new RegExp(`["'\`]?${NAME}["'\`]? pod\\b`, 'gi'),
  ]);
  const container = firstName(text, [
    new RegExp(`(?:^|\\s)(?:-c|--container)[= ]${NAME}`, 'gi'),
    new RegExp(`\\b(?:init )?container[: ]+["'\`]?${NAME}`, 'gi'),
    new RegExp(`["'\`]${NAME}["'\`] (?:init )?container\\b`, 'gi'),
  ]);
  const node = firstName(text, [new RegExp(`\\bnodes?/${NAME}`, 'gi'), new RegExp(`\\bnode[: ]+["'\`]?${NAME}`, 'gi')]);

  const categories: Category[] = [];
  let errorType = REASON_WORDS.exec(text)?.[1];
  for (const signal of ERROR_SIGNALS) {
    if (!signal.pattern.test(text) || categories.includes(signal.category)) continue;
    categories.push(signal.category);
    errorType ??= signal.errorType;
  }
  const resolvedNamespace = namespace ?? bareNamespace;
  return {
    query: text,
    ...(resolvedNamespace ? { namespace: resolvedNamespace } : {}),
    ...(pod && pod !== resolvedNamespace ? { pod } : {}),
    ...(container ? { container } : {}),
    ...(node ? { node } : {}),
    ...(errorType ? { errorType } : {}),
    categories,
    subQueries: decomposeQuestion(text),
  };
}

const CATEGORY_WORDS: Partial<Record<Category, string>> = {
  'oom-killed': 'OOMKilled memory limit exit code 137',
  'app-crash': 'CrashLoopBackOff application crash',
  'missing-dependency': 'cannot connect to dependency service DNS',
  'untolerated-taint': 'untolerated taint toleration',
  'insufficient-resources': 'FailedScheduling insufficient cpu memory',
};

/** The clearest single line of evidence: a log line if there is one, else the first event or status text. */
function decisiveLine(finding: Finding): string | undefined {
  const bySource = (source: string): string | undefined => finding.evidence.find((e) => e.source === source)?.text;
  const line = bySource('log') ?? bySource('event') ?? bySource('status') ?? finding.evidence[0]?.text;
  return line?.split('\n').find((l) => l.trim().length > 0)?.slice(0, 300);
}

/**
 * Queries for documentation built from a diagnosis: per finding (most important first), its
 * category and title, then its root cause, then the decisive evidence line.
 * Names of the user's pods and namespaces are left out: the docs never contain them.
 */
export function queriesFromDiagnosis(snapshot: Snapshot, findings: readonly Finding[]): string[] {
  const names = [snapshot.target.name, snapshot.target.namespace].filter((n) => n.length > 2);
  const scrub = (text: string): string => names.reduce((acc, name) => acc.split(name).join(' '), text).replace(/\s+/g, ' ').trim();
  const queries: string[] = [];
  for (const finding of findings.filter((f) => f.category !== 'healthy').slice(0, 3)) {
    const words = CATEGORY_WORDS[finding.category] ?? finding.category.replace(/-/g, ' ');
    queries.push(scrub(`${words} ${finding.title}`));
    queries.push(scrub(finding.rootCause));
    const line = decisiveLine(finding);
    if (line) queries.push(scrub(line));
  }
  return [...new Set(queries.filter((q) => q.length > 0))];
}

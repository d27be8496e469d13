import type { TargetKind } from '../domain/snapshot.js';

export type QuestionIntent =
  | { kind: 'target'; target: { kind: TargetKind; name: string; namespace?: string } }
  | { kind: 'live'; resource: 'Pod' | 'Deployment' | 'Node'; namespace?: string; state?: string }
  | { kind: 'knowledge' };

/** Names the query analyzer already found (src/retrieve/analyze-query.ts), passed in by the CLI. */
export interface QuestionHints {
  pod?: string;
  namespace?: string;
}

const NAME = '[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?';
const NOT_NAMES = new Set(['the', 'a', 'an', 'my', 'our', 'this', 'that', 'it', 'there', 'general', 'kubernetes', 'k8s', 'production', 'cluster', 'total', 'all']);
const KIND_WORDS: Record<string, TargetKind> = { pod: 'Pod', deployment: 'Deployment', deploy: 'Deployment', statefulset: 'StatefulSet', sts: 'StatefulSet', daemonset: 'DaemonSet', ds: 'DaemonSet', job: 'Job' };

function namespaceIn(text: string): string | undefined {
  for (const match of text.matchAll(new RegExp(`(?:\\b(?:in|from) (?:the )?(?:namespace )?|(?:^|\\s)(?:-n|--namespace)[= ])(${NAME})(?: namespace| ns)?\\b`, 'gi'))) {
    const name = match[1]?.toLowerCase();
    if (name && !NOT_NAMES.has(name)) return name;
  }
  return undefined;
}

// A workload-style name: lowercase with a dash or digit, which ordinary English words lack.
function looksLikeName(word: string): boolean {
  return new RegExp(`^${NAME}$`).test(word) && /[-0-9]/.test(word) && !/^\d+$/.test(word);
}

/**
 * Decides what a free-text question wants: a diagnosis of a named target, a count or list
 * from live state, or knowledge from the documents. Unsure → knowledge, which never touches
 * the cluster.
 */
export function classifyQuestion(question: string, hints: QuestionHints = {}): QuestionIntent {
  const text = question.replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  const namespace = hints.namespace ?? namespaceIn(text);
  const withNamespace = namespace ? { namespace } : {};

  const explicit = new RegExp(`\\b(pod|deployment|deploy|statefulset|sts|daemonset|ds|job)s?[/ ](${NAME})`, 'i').exec(text);
  if (explicit?.[1] && explicit[2] && !NOT_NAMES.has(explicit[2].toLowerCase()) && (explicit[2].includes('-') || /\d/.test(explicit[2]) || text.includes('/'))) {
    return { kind: 'target', target: { kind: KIND_WORDS[explicit[1].toLowerCase()] ?? 'Pod', name: explicit[2].toLowerCase(), ...withNamespace } };
  }
  const live = /^(?:how many|list|show(?: me)?|which|count|are there|is there|what) (?:.*? )?(pods?|deployments?|deploys?|nodes?)\b/i.exec(lower);
  if (live && !/\bwhy\b/.test(lower)) {
    const word = live[1] ?? 'pods';
    const resource = word.startsWith('node') ? 'Node' : word.startsWith('deploy') ? 'Deployment' : 'Pod';
    const state = /\b(running|pending|failed|failing|crashing|succeeded|ready|not ready|unready)\b/.exec(lower)?.[1];
    return { kind: 'live', resource, ...(resource === 'Node' ? {} : withNamespace), ...(state ? { state } : {}) };
  }

  if (hints.pod) return { kind: 'target', target: { kind: 'Pod', name: hints.pod, ...withNamespace } };
  if (/\b(why|what'?s wrong|what is wrong|debug|diagnose|fix)\b/.test(lower)) {
    const candidate = lower.split(/[\s,?!'"`]+/).find((word) => looksLikeName(word) && word !== namespace);
    if (candidate) return { kind: 'target', target: { kind: 'Pod', name: candidate, ...withNamespace } };
  }
  return { kind: 'knowledge' };
}

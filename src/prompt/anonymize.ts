import type { Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';

export interface Anonymizer {
  anonymize(text: string): string;
  /** Maps pseudonyms in the model's answer back to the real names. */
  deanonymize(text: string): string;
  /** real → pseudonym, for -v and tests. */
  readonly mapping: ReadonlyMap<string, string>;
}

const NAME_CHAR = /[A-Za-z0-9_]/;

// Plain string search with a word-boundary check: no regex is ever built from a cluster value.
function replaceWhole(text: string, from: string, to: string): string {
  if (!from) return text;
  let out = '';
  let index = 0;
  for (;;) {
    const hit = text.indexOf(from, index);
    if (hit === -1) return out + text.slice(index);
    const before = hit > 0 ? text[hit - 1] ?? '' : '';
    const after = text[hit + from.length] ?? '';
    const whole = !NAME_CHAR.test(before) && !NAME_CHAR.test(after);
    out += text.slice(index, hit) + (whole ? to : from);
    index = hit + from.length;
  }
}

function replaceAll(text: string, pairs: readonly (readonly [string, string])[]): string {
  return pairs.reduce((acc, [from, to]) => replaceWhole(acc, from, to), text);
}

/**
 * Stable pseudonyms for one run (`ns-1`, `pod-1`, `workload-1`, `node-1`, `image-1`), assigned
 * in snapshot order so the same snapshot always anonymizes the same way. Workload names are
 * included because pod names embed them. Longest names are replaced first so `web-7d9f`
 * is not half-replaced by `web`.
 */
export function createAnonymizer(snapshot: Snapshot): Anonymizer {
  const mapping = new Map<string, string>();
  const counters = new Map<string, number>();
  const assign = (kind: string, name: string | undefined): void => {
    if (!name || name.length < 2 || mapping.has(name)) return;
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    mapping.set(name, `${kind}-${n}`);
  };
  assign('ns', snapshot.target.namespace);
  for (const object of snapshot.objects) assign('ns', object.metadata.namespace);
  for (const object of snapshot.objects) {
    if (object.kind === 'Pod') assign('pod', object.metadata.name);
    else if (object.kind === 'Node') assign('node', object.metadata.name);
    else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'].includes(object.kind)) assign('workload', object.metadata.name);
  }
  assign(snapshot.target.kind === 'Pod' ? 'pod' : 'workload', snapshot.target.name);
  for (const pod of snapshot.objects.filter((o): o is Pod => o.kind === 'Pod')) {
    assign('node', pod.spec?.nodeName);
    for (const container of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) assign('image', container.image);
  }
  const forward = [...mapping.entries()].sort((a, b) => b[0].length - a[0].length);
  const backward = forward.map(([real, alias]) => [alias, real] as const).sort((a, b) => b[0].length - a[0].length);
  return {
    anonymize: (text) => replaceAll(text, forward),
    deanonymize: (text) => replaceAll(text, backward),
    mapping,
  };
}

/** The same mapping applied to every string inside a JSON value (an answer object). */
export function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, map)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, mapStrings(v, map)])) as T;
  }
  return value;
}

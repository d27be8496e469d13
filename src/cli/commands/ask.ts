import type { LlmFlags } from '../../config/llm-config.js';
import { ClusterAccessError, UsageError } from '../../domain/errors.js';
import type { K8sObject, Node, Pod, Workload } from '../../domain/k8s-objects.js';
import { classifyQuestion, type QuestionIntent } from '../../prompt/classify-question.js';
import { analyzeQuery } from '../../retrieve/analyze-query.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';
import { clusterOptions, collectForCommand } from '../collect-for-command.js';
import { defaultRetriever } from '../default-retriever.js';
import { printDiagnosis } from '../print-diagnosis.js';
import { setupLlm } from '../llm-flags.js';
import { answerKnowledgeQuestion } from './ask-knowledge.js';

export interface AskArgs extends LlmFlags {
  question: string;
  namespace?: string;
}

/**
 * `k8sdiag ask "<question>"`: one entry point. A named target goes through the diagnosis
 * pipeline, a live-state question is answered from read-only API calls, anything else from
 * the documents (with an LLM answer citing them when one is configured).
 */
export async function run(args: AskArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  if (args.question.trim() === '') throw new UsageError('ask needs a question, e.g. k8sdiag ask "why is web-7d9f in shop crashing?"');
  const analysis = analyzeQuery(args.question);
  const intent = classifyQuestion(args.question, {
    ...(analysis.pod ? { pod: analysis.pod } : {}),
    ...(args.namespace ?? analysis.namespace ? { namespace: args.namespace ?? analysis.namespace } : {}),
  });
  if (globals.verbose) io.err(`ask: ${describeIntent(intent)}\n`);
  if (intent.kind === 'target') {
    const snapshot = await collectForCommand({ kind: intent.target.kind, name: intent.target.name, ...(intent.target.namespace ? { namespace: intent.target.namespace } : {}) }, globals, io);
    const llm = await setupLlm(args, globals, io);
    return await printDiagnosis(snapshot, globals, io, { deps: { retriever: defaultRetriever(io), ...(llm.deps ? { llm: llm.deps } : {}) } });
  }
  if (intent.kind === 'live') {
    const answer = await answerLiveQuestion(intent, globals, io);
    // -o json is one JSON document on stdout for every command.
    io.out(globals.output === 'json' ? `${JSON.stringify({ question: args.question, kind: 'live', ...answer }, null, 2)}\n` : `${answer.text}\n`);
    return 0;
  }
  const llm = await setupLlm(args, globals, io);
  return await answerKnowledgeQuestion(args.question, defaultRetriever(io), llm, globals, io);
}

function describeIntent(intent: QuestionIntent): string {
  if (intent.kind === 'target') return `diagnose ${intent.target.kind} ${intent.target.namespace ?? '(current namespace)'}/${intent.target.name}`;
  if (intent.kind === 'live') return `live ${intent.resource} query${intent.namespace ? ` in ${intent.namespace}` : ''}${intent.state ? ` (${intent.state})` : ''}`;
  return 'knowledge question: documents';
}

function podState(pod: Pod): string {
  const waiting = pod.status?.containerStatuses?.find((s) => s.state?.waiting?.reason)?.state?.waiting?.reason;
  return waiting ?? pod.status?.phase ?? 'Unknown';
}

function matchesState(state: string | undefined, labels: readonly string[]): boolean {
  if (!state) return true;
  const wanted = state === 'failing' || state === 'crashing' ? ['failed', 'crashloopbackoff', 'error'] : state === 'not ready' || state === 'unready' ? ['notready', 'pending', 'crashloopbackoff'] : [state];
  // A crash-looping pod is in phase Running, but nobody would call it running: only its state counts.
  const considered = state === 'running' ? labels.slice(0, 1) : labels;
  return considered.some((l) => wanted.includes(l.toLowerCase().replace(/\s+/g, '')));
}

interface LiveAnswer {
  text: string;
  resource: string;
  namespace: string | null;
  state: string | null;
  total: number;
  /** Objects in the asked-for state (all of them when no state was asked). */
  matching: number;
  names: string[];
  byState: Record<string, number>;
}

/** Lists one kind; an unreachable or forbidden API is a cluster error (exit 3), not a bug. */
async function listLive(intent: Extract<QuestionIntent, { kind: 'live' }>, globals: GlobalOptions, io: CommandIo): Promise<K8sObject[]> {
  const { createKubeClient } = await import('../../collect/kube-client.js');
  const { createLiveReader } = await import('../../collect/object-reader.js');
  const { ApiRequestError } = await import('../../collect/http-get.js');
  const client = await createKubeClient(clusterOptions(globals, io));
  try {
    return await createLiveReader(client).list(intent.resource, intent.resource === 'Node' ? undefined : intent.namespace);
  } catch (error) {
    if (!(error instanceof ApiRequestError)) throw error;
    const what = `${intent.resource.toLowerCase()}s${intent.namespace && intent.resource !== 'Node' ? ` in ${intent.namespace}` : ''}`;
    const hint = error.status === 401 || error.status === 403 ? '; grant the read-only role in deploy/clusterrole.yaml' : '. Check --context/--kubeconfig and that the cluster is up';
    throw new ClusterAccessError(`cannot list ${what} from ${client.server}: ${error.message}${hint}`, { cause: error });
  }
}

/** Counts from a list call, broken down by state, so the answer is data rather than prose. */
async function answerLiveQuestion(intent: Extract<QuestionIntent, { kind: 'live' }>, globals: GlobalOptions, io: CommandIo): Promise<LiveAnswer> {
  const where = intent.namespace ? `in ${intent.namespace}` : 'in all namespaces';
  const objects = await listLive(intent, globals, io);
  const labelled = objects.map((o) => {
    if (intent.resource === 'Pod') return { name: o.metadata.name, labels: [podState(o as Pod), (o as Pod).status?.phase ?? ''] };
    if (intent.resource === 'Node') {
      const ready = (o as Node).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      return { name: o.metadata.name, labels: [ready ? 'Ready' : 'NotReady'] };
    }
    const w = o as Workload;
    const ready = (w.status?.readyReplicas ?? 0) >= (w.spec?.replicas ?? 1);
    return { name: o.metadata.name, labels: [ready ? 'Ready' : 'NotReady'] };
  });
  const byState = new Map<string, number>();
  for (const item of labelled) byState.set(item.labels[0] ?? 'Unknown', (byState.get(item.labels[0] ?? 'Unknown') ?? 0) + 1);
  const breakdown = [...byState.entries()].sort((a, b) => b[1] - a[1]).map(([state, n]) => `${n} ${state}`).join(', ');
  const kind = `${intent.resource.toLowerCase()}s`;
  const data = { resource: intent.resource, namespace: intent.namespace ?? null, state: intent.state ?? null, total: objects.length, byState: Object.fromEntries(byState) };
  if (!intent.state) {
    return { ...data, matching: objects.length, names: labelled.map((l) => l.name), text: `${objects.length} ${kind} ${where}${breakdown ? `: ${breakdown}` : ''}.` };
  }
  const matching = labelled.filter((item) => matchesState(intent.state, item.labels));
  const names = matching.slice(0, 20).map((m) => m.name).join(', ');
  const text = `${matching.length} of ${objects.length} ${kind} ${where} are ${intent.state}${names ? `: ${names}${matching.length > 20 ? ', ...' : ''}` : ''}. (${breakdown || 'none'})`;
  return { ...data, matching: matching.length, names: matching.map((m) => m.name), text };
}

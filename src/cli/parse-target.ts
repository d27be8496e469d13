import { UsageError } from '../domain/errors.js';
import type { TargetKind } from '../domain/snapshot.js';

/** A target as typed; the namespace may come later from the kubeconfig context. */
export interface TargetRequest {
  kind: TargetKind;
  name: string;
  namespace?: string;
}

const KIND_ALIASES: Record<string, TargetKind> = {
  pod: 'Pod', pods: 'Pod', po: 'Pod',
  deployment: 'Deployment', deployments: 'Deployment', deploy: 'Deployment',
  statefulset: 'StatefulSet', statefulsets: 'StatefulSet', sts: 'StatefulSet',
  daemonset: 'DaemonSet', daemonsets: 'DaemonSet', ds: 'DaemonSet',
  job: 'Job', jobs: 'Job',
};

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** `deployment.apps`, `deployments.v1.apps`, `job.batch`: kubectl's fully qualified resource names. */
function kindOf(text: string): TargetKind | undefined {
  const match = /^([a-z]+)(?:\.(?:v1\.)?(apps|batch))?$/.exec(text.toLowerCase());
  const kind = match ? KIND_ALIASES[match[1] as string] : undefined;
  if (!kind || !match?.[2]) return kind;
  const group = kind === 'Job' ? 'batch' : kind === 'Pod' ? undefined : 'apps';
  return match[2] === group ? kind : undefined;
}

export function parseKind(text: string): TargetKind {
  const kind = kindOf(text);
  if (!kind) throw new UsageError(`unknown kind "${text}"; use one of pod, deployment, statefulset, daemonset, job`);
  return kind;
}

function checkName(what: string, value: string): string {
  if (!NAME.test(value)) throw new UsageError(`invalid ${what} "${value}": expected a Kubernetes name like web-7d9f8c-x2kq`);
  return value;
}

function combine(kind: TargetKind, name: string, fromText: string | undefined, flag: string | undefined): TargetRequest {
  if (fromText && flag && fromText !== flag) {
    throw new UsageError(`namespace given twice: "${fromText}" in the target and "${flag}" in -n`);
  }
  const namespace = fromText ?? flag;
  return { kind, name: checkName('name', name), ...(namespace ? { namespace: checkName('namespace', namespace) } : {}) };
}

/**
 * `<ns>/<name>` or `<name>` with `-n <ns>`, for a known kind (pod, deploy). kubectl's `<kind>/<name>`
 * (`deployment.apps/web`, `deployments/web`) is accepted when the kind is the command's own, and
 * named as a mistake when it is another.
 */
export function parseNamedTarget(kind: TargetKind, text: string, namespaceFlag?: string): TargetRequest {
  const parts = text.split('/');
  const typed = parts.length === 2 ? kindOf(parts[0] as string) : undefined;
  if (typed === kind && parts[1]) return combine(kind, parts[1], undefined, namespaceFlag);
  if (typed && parts[1]) {
    const command = typed === 'Pod' ? `k8sdiag pod ${parts[1]}` : typed === 'Deployment' ? `k8sdiag deploy ${parts[1]}` : `k8sdiag workload ${text}`;
    throw new UsageError(`"${text}" is a ${typed}, not a ${kind}: run \`${command}${namespaceFlag ? ` -n ${namespaceFlag}` : ''}\``);
  }
  // "/web" or "shop/" would otherwise quietly mean the default namespace or an empty name.
  if (parts.some((part) => part === '')) throw new UsageError(`invalid target "${text}": expected <namespace>/<name> or <name> -n <namespace>`);
  if (parts.length === 1) return combine(kind, text, undefined, namespaceFlag);
  if (parts.length === 2) return combine(kind, parts[1] as string, parts[0], namespaceFlag);
  throw new UsageError(`invalid target "${text}": expected <namespace>/<name> or <name> -n <namespace>`);
}

/** `<kind>/<name>` (kubectl style, with -n) or `<ns>/<kind>/<name>`. */
export function parseKindTarget(text: string, namespaceFlag?: string): TargetRequest {
  const parts = text.split('/');
  if (parts.some((part) => part === '')) throw new UsageError(`invalid target "${text}": expected <kind>/<name> (e.g. statefulset/db) or <namespace>/<kind>/<name>`);
  if (parts.length === 2) return combine(parseKind(parts[0] as string), parts[1] as string, undefined, namespaceFlag);
  if (parts.length === 3) return combine(parseKind(parts[1] as string), parts[2] as string, parts[0], namespaceFlag);
  throw new UsageError(`invalid target "${text}": expected <kind>/<name> (e.g. statefulset/db) or <namespace>/<kind>/<name>`);
}

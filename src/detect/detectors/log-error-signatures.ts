import type { Finding, Fix } from '../../domain/diagnosis.js';
import type { ContainerStatus, Pod } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import { logFor } from '../../domain/snapshot-view.js';
import type { Detector } from '../detector.js';
import { configSources, filePathIn } from '../config-source.js';
import { dependencyTarget } from '../dependency-target.js';
import { previousLogsFix, rolloutRef } from '../fix-commands.js';
import { logEvidence, makeFinding } from '../make-finding.js';
import { findLogSignature, type LogSignature } from '../parse/log-signatures.js';
import { activePods, containerSpec, isInitContainer, minutesBefore, podEvents } from '../pod-facts.js';

const id = 'log-error-signatures';

/** Crashed recently, or running but not ready: only then is a scary log line a finding. */
function troubled(snapshot: Snapshot, status: ContainerStatus): 'crashed' | 'not-ready' | undefined {
  const last = status.state?.terminated ?? status.lastState?.terminated;
  if (status.state?.waiting?.reason === 'CrashLoopBackOff') return 'crashed';
  if (status.state?.terminated && status.state.terminated.exitCode !== 0) return 'crashed';
  if (last && last.exitCode !== 0 && (minutesBefore(snapshot, last.finishedAt) ?? 0) < 60) return 'crashed';
  if (status.state?.running && !status.ready) return 'not-ready';
  return undefined;
}

export const logErrorSignatures: Detector = {
  id,
  description: 'The decisive error in a failing container\'s log: exception chain roots, panics, connection/DNS failures, missing config.',
  detect(snapshot) {
    const findings: Finding[] = [];
    for (const pod of activePods(snapshot)) {
      for (const status of pod.status?.containerStatuses ?? []) {
        if (isInitContainer(pod, status.name)) continue;
        const trouble = troubled(snapshot, status);
        if (!trouble) continue;
        const lastReason = (status.state?.terminated ?? status.lastState?.terminated)?.reason;
        if (lastReason === 'OOMKilled') continue;
        // Search the crashed run first: the current log of a restarted container is often empty or fine so far.
        const order = trouble === 'crashed' ? [true, false] : [false, true];
        let found: { signature: LogSignature; previous: boolean } | undefined;
        for (const previous of order) {
          const log = logFor(snapshot, pod.metadata.name, status.name, previous);
          const signature = log ? findLogSignature(log.text) : undefined;
          if (signature) {
            found = { signature, previous };
            break;
          }
        }
        if (!found) continue;
        const { signature, previous } = found;
        const killedByKubelet = podEvents(snapshot, pod, status.name).some((e) => e.reason === 'Killing' && /failed (liveness|startup) probe/.test(e.message ?? ''));
        const strongCategory = signature.category !== 'app-crash';
        findings.push(makeFinding({
          snapshot, subject: pod, detector: id, category: signature.category,
          // A dependency the app cannot reach explains a readiness failure too; other log lines on a
          // merely not-ready or probe-killed container are supporting evidence only.
          severity: (trouble === 'crashed' && !killedByKubelet) || signature.category === 'missing-dependency' ? 'critical' : 'warning',
          container: status.name,
          title: title(signature, status.name),
          rootCause: rootCause(signature, pod, status.name),
          evidence: [logEvidence(pod, status.name, previous, signature.line), ...(signature.related ? [logEvidence(pod, status.name, previous, signature.related)] : [])],
          fixes: fixes(snapshot, signature, pod, status.name),
          confidence: strongCategory ? (signature.kind === 'exception' ? 0.8 : 0.7) : 0.6,
          key: signature.category === 'app-crash' ? 'exit-app-crash' : `log ${signature.category} ${signature.dependency ?? signature.configKey ?? ''}`,
        }));
      }
    }
    return findings;
  },
};

function title(signature: LogSignature, container: string): string {
  switch (signature.category) {
    case 'missing-dependency':
      return `Container ${container} cannot reach ${signature.dependency ?? 'a dependency'}`;
    case 'config-error':
      return `Container ${container} has missing or invalid configuration${signature.configKey ? ` (${signature.configKey})` : ''}`;
    case 'command-error':
      return `Container ${container} cannot run its command`;
    default:
      return `Container ${container} crashes with an error of its own`;
  }
}

function rootCause(signature: LogSignature, pod: Pod, container: string): string {
  const where = `container ${container} in pod ${pod.metadata.name}`;
  switch (signature.category) {
    case 'missing-dependency':
      return `The application in ${where} fails because it cannot reach ${signature.dependency ?? 'a service it depends on'}: "${signature.line}".`;
    case 'config-error':
      return `The application in ${where} stops on missing or invalid configuration${signature.configKey ? ` (${signature.configKey})` : ''}: "${signature.line}".`;
    case 'command-error':
      return `The command of ${where} cannot run: "${signature.line}".`;
    default:
      return `The application in ${where} crashes: "${signature.line}".`;
  }
}

/** The config file the error names, traced to the ConfigMap or Secret it is mounted from. */
function configFileFixes(pod: Pod, container: string, line: string): Fix[] {
  const ns = pod.metadata.namespace;
  const path = filePathIn(line);
  const sources = configSources(pod, container, path);
  return sources.slice(0, 2).map((source) => ({
    description: path
      ? `${path} comes from ${source.kind} ${source.name} (volume ${source.volume} at ${source.mountPath}): correct the file there, then restart the pods`
      : `Container ${container} reads configuration from ${source.kind} ${source.name} (volume ${source.volume} at ${source.mountPath}): check it for the error above`,
    command: source.kind === 'ConfigMap' ? `kubectl edit configmap ${source.name} -n ${ns}` : `kubectl get secret ${source.name} -n ${ns} -o jsonpath='{.data}'  # key names; edit with kubectl edit secret`,
  }));
}

function fixes(snapshot: Snapshot, signature: LogSignature, pod: Pod, container: string): Fix[] {
  const ns = pod.metadata.namespace;
  const host = signature.dependency?.replace(/:\d+$/, '');
  const target = dependencyTarget(snapshot, pod, container, signature.dependency);
  const named = target?.how === 'cluster-ip' ? target.name : undefined;
  const service = named ?? (host && !/^\d+\.\d+\.\d+\.\d+$/.test(host) ? host.split('.')[0] : undefined);
  const serviceNs = named ? target?.namespace ?? ns : host?.split('.')[1] ?? ns;
  switch (signature.category) {
    case 'missing-dependency':
      return [
        ...(service ? [{ description: `Check that Service ${service}${named ? ` (ClusterIP ${host})` : ''} has ready endpoints: a refused connection on a ClusterIP means no pod behind it is listening`, command: `kubectl get svc,endpointslices -n ${serviceNs} | grep ${service}` }] : []),
        ...(!service && target ? [{ description: `The app is configured to reach ${target.name}${target.port ? `:${target.port}` : ''}: check that this name resolves and the service behind it is up`, command: `kubectl run nettest -n ${ns} --rm -it --restart=Never --image=busybox:1.36 -- nslookup ${target.name}` }] : []),
        { description: `Test the connection from inside the namespace`, command: `kubectl run nettest -n ${ns} --rm -it --restart=Never --image=busybox:1.36 -- nc -zv -w 3 ${host ?? '<host>'} ${signature.dependency?.match(/:(\d+)$/)?.[1] ?? '<port>'}` },
        { description: 'Start the dependency, fix the host/port the app is configured with, or make the app retry instead of exiting' },
      ];
    case 'config-error':
      return [
        ...(signature.configKey ? [{ description: `Set ${signature.configKey} on container ${container} (env, ConfigMap or Secret)`, command: `kubectl set env ${rolloutRef(snapshot, pod).replace(/ -n \S+$/, '')} -n ${ns} -c ${container} ${signature.configKey}=<value>` }] : []),
        ...configFileFixes(pod, container, signature.line),
        { description: 'Compare the container env and mounted config with what the app expects', command: `kubectl get pod ${pod.metadata.name} -n ${ns} -o jsonpath='{.spec.containers[?(@.name=="${container}")].env}'` },
      ];
    case 'command-error':
      return [...commandFixes(pod, container, signature.line), previousLogsFix(pod, container)];
    default:
      return [previousLogsFix(pod, container)];
  }
}

/** The executable the shell or runtime could not run, named, with the command the pod asks for. */
function commandFixes(pod: Pod, container: string, line: string): Fix[] {
  const missing = /exec: "([^"]+)": executable file not found/.exec(line)?.[1]
    ?? /(?:^|\s)(?:exec: )?([\w./-]+): (?:not found|command not found)\b/.exec(line)?.[1]
    ?? /exec (\S+): no such file or directory/.exec(line)?.[1];
  const denied = /(?:exec: "|\s)([\w./-]+)"?: [Pp]ermission denied/.exec(line)?.[1];
  const spec = containerSpec(pod, container);
  const asked = [...(spec?.command ?? []), ...(spec?.args ?? [])].join(' ');
  const current = asked ? ` (the pod runs: ${asked.length > 120 ? `${asked.slice(0, 117)}...` : asked})` : ' (the pod uses the image ENTRYPOINT/CMD)';
  if (denied) return [{ description: `${denied} is not executable in the image: add \`chmod +x ${denied}\` to the Dockerfile, or run it through a shell (command: ["sh", "${denied}"])${current}` }];
  if (missing) return [{ description: `${missing} is not in the image${missing.includes('/') ? ' at that path' : ' on PATH'}: install it in the image, or point command/args at the right executable${current}` }];
  return [];
}

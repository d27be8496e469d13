import type { Fix } from '../../domain/diagnosis.js';
import type { Node, Pod } from '../../domain/k8s-objects.js';
import type { Snapshot } from '../../domain/snapshot.js';
import type { Detector } from '../detector.js';
import { containerPatchFix, describePodFix } from '../fix-commands.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { parseConfigReference } from '../parse/parse-config-reference.js';
import { activePods, cleanMessage, containerSpec, nodeOf, podEvents, warningEvents } from '../pod-facts.js';

const id = 'run-container-error';
const WAITING = new Set(['RunContainerError', 'CreateContainerError', 'StartError', 'ContainerCannotRun']);

/** The decisive fragment of an OCI runtime error, e.g. `exec: "gunicornn": executable file not found in $PATH`. */
export function runtimeCause(message: string): string | undefined {
  const match = /exec: "[^"]+": [^:]+(?:: \$PATH)?|exec format error|no such file or directory|permission denied|no command specified|executable file not found in \$PATH/.exec(message);
  return match?.[0];
}

/** The executable the runtime tried to start, from `exec: "/entrypoint.sh": permission denied` (quotes may arrive escaped). */
export function execPath(message: string): string | undefined {
  return /exec:? \\?"([^"\\]+)\\?"/.exec(message)?.[1] ?? /exec (\/\S+): (?:exec format error|no such file or directory|permission denied)/.exec(message)?.[1];
}

function causeFixes(snapshot: Snapshot, pod: Pod, container: string, cause: string | undefined, path: string | undefined, image: string): Fix[] {
  if (!path) return [];
  if (/permission denied/.test(cause ?? '')) {
    return [
      { description: `${path} is not executable in image ${image}: add \`RUN chmod +x ${path}\` to the Dockerfile (or COPY --chmod=755) and rebuild` },
      containerPatchFix(snapshot, pod, container, `Or run it through the shell without the exec bit`, `command: ["sh", "${path}"]`),
    ];
  }
  if (/exec format error/.test(cause ?? '')) {
    const arch = (nodeOf(snapshot, pod) as Node | undefined)?.status?.nodeInfo?.['architecture'];
    return [{ description: `${path} in image ${image} was built for another CPU architecture${arch ? ` than node ${pod.spec?.nodeName} (${arch})` : ''}: rebuild for linux/${arch ?? 'amd64'} (docker buildx build --platform linux/amd64,linux/arm64) or pin the pod to matching nodes`, command: `docker manifest inspect ${image} | grep -A2 platform` }];
  }
  return [{ description: `${path} does not exist in image ${image}: fix command/args of ${container} or add the executable to the image`, command: `docker run --rm --entrypoint sh ${image} -c 'ls -l ${path}'` }];
}

export const runContainerError: Detector = {
  id,
  description: 'The container process cannot start: RunContainerError, CreateContainerError, StartError (exit 128), exec errors.',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) =>
      [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].flatMap((status) => {
        const waiting = status.state?.waiting?.reason && WAITING.has(status.state.waiting.reason) ? status.state.waiting : undefined;
        const terminated = [status.state?.terminated, status.lastState?.terminated].find((t) => t && (t.reason === 'StartError' || t.reason === 'ContainerCannotRun'));
        if (!waiting && !terminated) return [];
        const event = warningEvents(podEvents(snapshot, pod, status.name), 'Failed').find((e) => runtimeCause(e.message ?? ''));
        const message = cleanMessage(waiting?.message ?? terminated?.message ?? event?.message ?? '');
        // A CreateContainerError that is really a missing ConfigMap/Secret subPath belongs to config detectors.
        if (parseConfigReference(message)?.name) return [];
        const cause = runtimeCause(message) ?? runtimeCause(event?.message ?? '');
        const path = execPath(message) ?? execPath(event?.message ?? '');
        const spec = containerSpec(pod, status.name);
        const command = [...(spec?.command ?? []), ...(spec?.args ?? [])];
        return [
          makeFinding({
            snapshot, subject: pod, detector: id, category: 'command-error', severity: 'critical', container: status.name,
            title: `Container ${status.name} cannot start its command${path ? ` ${path}` : ''}${cause ? `: ${cause}` : ''}`,
            rootCause: `The runtime could not start the process of container ${status.name} in pod ${pod.metadata.name}${cause ? ` (${cause})` : ''}${command.length ? `; its command is ${JSON.stringify(command)}` : ''}.`,
            evidence: [
              ...(waiting ? [statusEvidence(pod, status.name, `State: Waiting, Reason: ${waiting.reason}${waiting.message ? `, Message: ${cleanMessage(waiting.message)}` : ''}`)] : []),
              ...(terminated ? [statusEvidence(pod, status.name, `${terminated === status.state?.terminated ? 'State' : 'Last State'}: Terminated, Reason: ${terminated.reason}, Exit Code: ${terminated.exitCode}${terminated.message ? `, Message: ${cleanMessage(terminated.message)}` : ''}`)] : []),
              ...(event ? [eventEvidence(snapshot, event)] : []),
              ...(command.length ? [{ source: 'spec' as const, text: `command: ${JSON.stringify(command)}`, location: `pod/${pod.metadata.name} container ${status.name}` }] : []),
            ],
            fixes: [
              ...causeFixes(snapshot, pod, status.name, cause, path, spec?.image ?? status.image ?? '<image>'),
              containerPatchFix(snapshot, pod, status.name, `Point the command of ${status.name} at an executable that exists in image ${spec?.image ?? status.image ?? ''} (check the image entrypoint; for "exec format error" build the image for the node architecture)`, `command: ["<path-to-executable>"]`),
              { description: 'Check what the image contains', command: `docker run --rm --entrypoint sh ${spec?.image ?? status.image ?? '<image>'} -c 'ls -l ${command[0] && command[0].startsWith('/') ? command[0] : '/usr/local/bin /app'}'` },
              describePodFix(pod),
            ],
            confidence: cause ? 0.9 : 0.7,
            key: `command ${cause ?? ''}`,
          }),
        ];
      }),
    );
  },
};

import type { Fix } from '../../domain/diagnosis.js';
import type { Pod } from '../../domain/k8s-objects.js';
import type { Detector } from '../detector.js';
import { containerPatchFix } from '../fix-commands.js';
import { eventEvidence, makeFinding, statusEvidence } from '../make-finding.js';
import { classifyImagePull, classifyPullMessages, type ImagePullCategory } from '../parse/classify-image-pull.js';
import { pullAuthFixes, registryOf } from '../image-pull-fixes.js';
import { activePods, cleanMessage, containerSpec, podEvents, warningEvents } from '../pod-facts.js';

const id = 'image-pull-back-off';
const PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);

const TITLES: Record<ImagePullCategory, string> = {
  'image-not-found': 'does not exist in the registry',
  'image-pull-auth': 'is refused by the registry (credentials)',
  'registry-unreachable': 'cannot be pulled: the registry is unreachable',
  'invalid-image-name': 'is not a valid image reference',
};

export const imagePullBackOff: Detector = {
  id,
  description: 'ErrImagePull / ImagePullBackOff / InvalidImageName, classified from the runtime message.',
  detect(snapshot) {
    return activePods(snapshot).flatMap((pod) =>
      [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].flatMap((status) => {
        const waiting = status.state?.waiting;
        if (!waiting?.reason || !PULL_REASONS.has(waiting.reason)) return [];
        const image = containerSpec(pod, status.name)?.image ?? status.image ?? '';
        const events = warningEvents(podEvents(snapshot, pod, status.name), /^(Failed|InspectFailed|ErrImageNeverPull)$/)
          .filter((e) => !image || (e.message ?? '').includes(image) || !/image "/.test(e.message ?? ''));
        const classification = waiting.reason === 'InvalidImageName'
          ? { category: 'invalid-image-name' as const, signal: 'InvalidImageName', message: waiting.message ?? '' }
          : waiting.reason === 'ErrImageNeverPull'
            ? { category: 'image-not-found' as const, signal: 'ErrImageNeverPull', message: waiting.message ?? '' }
            : classifyPullMessages([waiting.message, ...events.map((e) => e.message)]);
        const detailed = events.find((e) => e.message === classification?.message) ?? events.find((e) => classifyImagePull(e.message ?? '') !== undefined);
        const category = classification?.category ?? 'image-not-found';
        const errorLine = cleanMessage(detailed?.message ?? waiting.message ?? '');
        return [
          makeFinding({
            snapshot, subject: pod, detector: id, category, severity: 'critical', container: status.name,
            title: classification?.rateLimited ? `Pulls of ${image} are throttled by the registry (pull rate limit, HTTP 429)` : `Image ${image} ${TITLES[category]}`,
            rootCause: rootCause(category, status.name, image, pod, classification?.signal, classification?.rateLimited === true),
            evidence: [
              statusEvidence(pod, status.name, `State: Waiting, Reason: ${waiting.reason}${waiting.message ? `, Message: ${cleanMessage(waiting.message)}` : ''}`),
              ...(detailed ? [eventEvidence(snapshot, detailed)] : []),
              { source: 'spec', text: `image: ${image}`, location: `pod/${pod.metadata.name} container ${status.name}` },
            ],
            fixes: fixesFor(snapshot, category, pod, status.name, image, classification?.rateLimited === true),
            confidence: classification ? (detailed || waiting.message ? 0.9 : 0.6) : 0.5,
            key: `${category} ${image.replace(/@sha256:.*/, '')}`,
          }),
        ];
      }),
    );
  },
};

function rootCause(category: ImagePullCategory, container: string, image: string, pod: Pod, signal: string | undefined, rateLimited: boolean): string {
  if (rateLimited) {
    return `The registry throttles pulls of ${image} for container ${container} (${signal?.trim() ?? 'HTTP 429'})${(pod.spec?.imagePullSecrets ?? []).length ? '' : ': the pod has no imagePullSecrets, so the node pulls anonymously and shares the anonymous quota of its egress IP'}.`;
  }
  const secrets = (pod.spec?.imagePullSecrets ?? []).map((s) => s.name);
  switch (category) {
    case 'image-not-found':
      return `The image ${image} for container ${container} does not exist: the registry has no such repository or tag${signal ? ` (${signal.trim()})` : ''}.`;
    case 'image-pull-auth':
      return `The registry refused to serve ${image} for container ${container} without valid credentials${secrets.length ? ` (imagePullSecrets: ${secrets.join(', ')})` : ' and the pod has no imagePullSecrets'}; if the repository name is wrong, registries answer the same way.`;
    case 'registry-unreachable':
      return `The node could not reach the registry to pull ${image} for container ${container}${signal ? `: ${signal.trim()}` : ''}.`;
    case 'invalid-image-name':
      return `The image reference "${image}" of container ${container} is malformed and cannot be parsed.`;
  }
}

function fixesFor(snapshot: Parameters<Detector['detect']>[0], category: ImagePullCategory, pod: Pod, container: string, image: string, rateLimited: boolean): Fix[] {
  const ns = pod.metadata.namespace;
  const registry = registryOf(image);
  const repo = image.replace(/[:@].*$/, '');
  switch (category) {
    case 'image-not-found':
      if (containerSpec(pod, container)?.imagePullPolicy === 'Never') {
        return [
          containerPatchFix(snapshot, pod, container, `imagePullPolicy of ${container} is Never and node ${pod.spec?.nodeName ?? '<node>'} does not have ${image}: let the kubelet pull it`, 'imagePullPolicy: IfNotPresent'),
          { description: `Or load ${image} onto every node that may run the pod (kind load / ctr images import) before scheduling it` },
        ];
      }
      return [
        { description: `Check which tags exist for ${repo}, then point ${container} at one that does`, command: `crane ls ${repo}   # or: docker manifest inspect ${image}` },
        containerPatchFix(snapshot, pod, container, `Set container ${container} to an existing image tag`, `image: ${repo}:<existing-tag>`),
        { description: 'If a rollout introduced the bad tag, roll it back', command: `kubectl rollout history deployment -n ${ns}   # then kubectl rollout undo deployment/<name> -n ${ns}` },
      ];
    case 'image-pull-auth':
      return pullAuthFixes(snapshot, pod, image, rateLimited);
    case 'registry-unreachable':
      return [
        { description: `Check that the node resolves and reaches ${registry} (DNS, egress firewall, proxy, registry certificate)`, command: `kubectl run pull-test -n ${ns} --rm -it --restart=Never --image=curlimages/curl -- curl -sSI https://${registry}/v2/` },
        { description: 'If the registry uses a private CA, add it to the container runtime trust store on the nodes' },
      ];
    case 'invalid-image-name':
      return [containerPatchFix(snapshot, pod, container, `Fix the image reference of ${container} (lowercase repository, registry/repo:tag form)`, `image: ${image.toLowerCase().replace(/[^a-z0-9./:@_-]/g, '')}`)];
  }
}

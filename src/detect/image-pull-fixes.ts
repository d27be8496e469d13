import type { Fix } from '../domain/diagnosis.js';
import type { ConfigMapOrSecret, Pod } from '../domain/k8s-objects.js';
import type { Snapshot } from '../domain/snapshot.js';
import { findObject, objectsOfKind } from '../domain/snapshot-view.js';
import { patchTarget } from './pod-facts.js';

/** Fixes for a registry that refuses the pull, naming the pull Secrets the pod actually uses. */

/** `ghcr.io/acme/api:1` → `ghcr.io`; Docker Hub short names → `docker.io`. */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first : 'docker.io';
}

export interface PullSecretState {
  /** imagePullSecrets the pod references. */
  referenced: string[];
  /** Referenced Secrets the snapshot shows do not exist (only judged when Secrets were collected). */
  missing: string[];
  /** dockerconfigjson Secrets in the namespace the pod does not reference. */
  unused: string[];
}

export function pullSecretState(snapshot: Snapshot, pod: Pod): PullSecretState {
  const namespace = pod.metadata.namespace ?? snapshot.target.namespace;
  const referenced = (pod.spec?.imagePullSecrets ?? []).map((s) => s.name).filter((n): n is string => !!n);
  const secrets = objectsOfKind<ConfigMapOrSecret>(snapshot, 'Secret').filter((s) => (s.metadata.namespace ?? namespace) === namespace);
  const failedLookup = snapshot.events.some((e) => e.reason === 'FailedToRetrieveImagePullSecret' && e.involvedObject.name === pod.metadata.name);
  const missing = referenced.filter((name) => !findObject(snapshot, 'Secret', name, namespace) && (secrets.length > 0 || failedLookup));
  const unused = secrets
    .filter((s) => /dockerconfigjson|dockercfg/.test(s.type ?? '') && !referenced.includes(s.metadata.name))
    .map((s) => s.metadata.name);
  return { referenced, missing, unused };
}

function secretCommand(name: string, namespace: string, registry: string, replace: boolean): string {
  const create = `kubectl create secret docker-registry ${name} -n ${namespace} --docker-server=${registry} --docker-username=<user> --docker-password=<token>`;
  return replace ? `${create} --dry-run=client -o yaml | kubectl apply -f -` : create;
}

function referenceFix(snapshot: Snapshot, pod: Pod, name: string): Fix {
  const target = patchTarget(snapshot, pod);
  const patch = target.bare ? `spec:\n  imagePullSecrets:\n  - name: ${name}` : `spec:\n  template:\n    spec:\n      imagePullSecrets:\n      - name: ${name}`;
  return {
    description: `Reference Secret ${name} in imagePullSecrets of ${target.ref} (or of service account ${pod.spec?.serviceAccountName ?? 'default'})`,
    ...(target.bare ? {} : { command: `kubectl patch ${target.ref} -n ${target.namespace} --type strategic --patch-file patch.yaml` }),
    patch,
  };
}

export function pullAuthFixes(snapshot: Snapshot, pod: Pod, image: string, rateLimited: boolean): Fix[] {
  const namespace = pod.metadata.namespace ?? snapshot.target.namespace;
  const registry = registryOf(image);
  const state = pullSecretState(snapshot, pod);
  const fixes: Fix[] = [];
  if (rateLimited) {
    const name = state.referenced[0] ?? state.unused[0] ?? `${registry.split('.')[0]}-pull`;
    fixes.push({ description: `${registry} throttles anonymous pulls from this node's IP: pull as an authenticated (paid or organisation) account through imagePullSecrets, or from a pull-through mirror/cache`, command: secretCommand(name, namespace, registry, state.referenced.includes(name)) });
    if (!state.referenced.includes(name)) fixes.push(referenceFix(snapshot, pod, name));
    fixes.push({ description: `Or mirror the image into a registry you control and point the container at the copy`, command: `crane copy ${image} <your-registry>/${image.replace(/^[^/]+\.[^/]+\//, '')}` });
    return fixes;
  }
  for (const name of state.missing) {
    const alternative = state.unused[0];
    fixes.push({ description: `Secret ${name} named in imagePullSecrets does not exist in ${namespace}: create it${alternative ? `, or reference the existing pull Secret ${alternative} instead` : ''}`, command: secretCommand(name, namespace, registry, false) });
    if (alternative) fixes.push(referenceFix(snapshot, pod, alternative));
  }
  const present = state.referenced.filter((n) => !state.missing.includes(n));
  for (const name of present) {
    fixes.push({ description: `The registry rejects the credentials in Secret ${name}: renew the token/robot account and replace the Secret`, command: secretCommand(name, namespace, registry, true) });
  }
  if (state.referenced.length === 0) {
    const name = state.unused[0] ?? `${registry.split('.')[0]}-pull`;
    if (!state.unused[0]) fixes.push({ description: `Create a pull Secret ${name} for ${registry} in namespace ${namespace}`, command: secretCommand(name, namespace, registry, false) });
    fixes.push(referenceFix(snapshot, pod, name));
  }
  fixes.push({ description: 'Confirm the repository name and tag are right: a missing private repository is also answered with "denied"', command: `docker pull ${image}` });
  return fixes;
}

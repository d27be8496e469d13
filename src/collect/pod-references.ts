import type { Container, PodSpec } from '../domain/k8s-objects.js';

export interface PodReferences {
  configMaps: string[];
  secrets: string[];
  claims: string[];
}

/** Every ConfigMap, Secret and PVC a pod spec (or a workload's pod template) names, each once. */
export function podReferences(spec: PodSpec | undefined): PodReferences {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const claims = new Set<string>();
  const containers: Container[] = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  for (const container of containers) {
    for (const env of container.env ?? []) {
      const cm = env.valueFrom?.configMapKeyRef?.name;
      const secret = env.valueFrom?.secretKeyRef?.name;
      if (cm) configMaps.add(cm);
      if (secret) secrets.add(secret);
    }
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef?.name) configMaps.add(source.configMapRef.name);
      if (source.secretRef?.name) secrets.add(source.secretRef.name);
    }
  }
  for (const volume of spec?.volumes ?? []) {
    if (volume.configMap?.name) configMaps.add(volume.configMap.name);
    if (volume.secret?.secretName) secrets.add(volume.secret.secretName);
    if (volume.persistentVolumeClaim?.claimName) claims.add(volume.persistentVolumeClaim.claimName);
    for (const source of volume.projected?.sources ?? []) {
      if (source.configMap?.name) configMaps.add(source.configMap.name);
      if (source.secret?.name) secrets.add(source.secret.name);
    }
  }
  for (const pullSecret of spec?.imagePullSecrets ?? []) {
    if (pullSecret.name) secrets.add(pullSecret.name);
  }
  return { configMaps: [...configMaps], secrets: [...secrets], claims: [...claims] };
}

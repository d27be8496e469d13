import type { Pod, Volume } from '../domain/k8s-objects.js';
import { containerSpec } from './pod-facts.js';

export interface ConfigSource {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  volume: string;
  mountPath: string;
}

function sourcesOf(volume: Volume): { kind: ConfigSource['kind']; name: string }[] {
  const found: { kind: ConfigSource['kind']; name: string }[] = [];
  if (volume.configMap?.name) found.push({ kind: 'ConfigMap', name: volume.configMap.name });
  if (volume.secret?.secretName) found.push({ kind: 'Secret', name: volume.secret.secretName });
  for (const source of volume.projected?.sources ?? []) {
    if (source.configMap?.name) found.push({ kind: 'ConfigMap', name: source.configMap.name });
    if (source.secret?.name) found.push({ kind: 'Secret', name: source.secret.name });
  }
  return found;
}

/**
 * The ConfigMaps and Secrets a container reads as files. With `path`, only the mount that holds
 * that file (longest mountPath prefix), so "wordpress.conf:7" leads to the object to edit.
 */
export function configSources(pod: Pod, container: string, path?: string): ConfigSource[] {
  const mounts = containerSpec(pod, container)?.volumeMounts ?? [];
  const volumes = pod.spec?.volumes ?? [];
  const all = mounts.flatMap((mount) => {
    const volume = volumes.find((v) => v.name === mount.name);
    return volume ? sourcesOf(volume).map((s) => ({ ...s, volume: volume.name, mountPath: mount.mountPath })) : [];
  });
  if (!path) return all;
  const covering = all.filter((s) => path === s.mountPath || path.startsWith(s.mountPath.endsWith('/') ? s.mountPath : `${s.mountPath}/`));
  const longest = Math.max(-1, ...covering.map((s) => s.mountPath.length));
  return covering.filter((s) => s.mountPath.length === longest);
}

/** An absolute file path named in a log line, e.g. `/etc/nginx/conf.d/wordpress.conf:7` → the path. */
export function filePathIn(line: string): string | undefined {
  return /(?:^|[\s"'(=])(\/(?:[\w.@+-]+\/)*[\w.@+-]+\.[A-Za-z0-9]{1,8})(?::\d+)?\b/.exec(line)?.[1];
}

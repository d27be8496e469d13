import type { Category } from '../../domain/categories.js';

/**
 * Reads the kubelet's messages about missing configuration objects, from
 * CreateContainerConfigError (`configmap "app-config" not found`, `secret "db" not found`,
 * `couldn't find key DB_HOST in ConfigMap shop/app-config`) and from FailedMount
 * (`MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found`,
 * `configmap references non-existent config key: settings.yaml`).
 */
export interface ConfigReference {
  category: Extract<Category, 'missing-configmap' | 'missing-secret' | 'missing-config-key' | 'config-error'>;
  kind: 'ConfigMap' | 'Secret' | null;
  name: string | null;
  key: string | null;
  text: string;
}

export function parseConfigReference(message: string): ConfigReference | undefined {
  const keyMissing = /couldn't find key ([^\s]+) in (ConfigMap|Secret) ([\w.-]+)\/([\w.-]+)/i.exec(message);
  if (keyMissing) {
    return { category: 'missing-config-key', kind: normaliseKind(keyMissing[2]!), name: keyMissing[4]!, key: keyMissing[1]!, text: keyMissing[0] };
  }
  const volumeKey = /(configmap|secret) references non-existent (?:config |secret )?key:?\s*([^\s]+)/i.exec(message);
  if (volumeKey) {
    return { category: 'missing-config-key', kind: normaliseKind(volumeKey[1]!), name: volumeName(message), key: volumeKey[2]!, text: volumeKey[0] };
  }
  const objectMissing = /(configmap|secret)s? "([^"]+)" not found/i.exec(message);
  if (objectMissing) {
    const kind = normaliseKind(objectMissing[1]!);
    return { category: kind === 'Secret' ? 'missing-secret' : 'missing-configmap', kind, name: objectMissing[2]!, key: null, text: objectMissing[0] };
  }
  if (/runAsNonRoot and image (?:will run as root|has non-numeric user)|invalid (?:env|environment)|failed to prepare subPath|failed to sync (?:configmap|secret) cache/i.test(message)) {
    return { category: 'config-error', kind: null, name: null, key: null, text: message.trim() };
  }
  return undefined;
}

function normaliseKind(kind: string): 'ConfigMap' | 'Secret' {
  return kind.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
}

function volumeName(message: string): string | null {
  return /volume "([^"]+)"/.exec(message)?.[1] ?? null;
}

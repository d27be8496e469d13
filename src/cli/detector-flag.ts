import { DETECTORS } from '../detect/detector-registry.js';
import { UsageError } from '../domain/errors.js';

/** What commander hands over for `--detector <ids...>`. */
export interface DetectorFlag {
  detector?: string[];
}

/**
 * `--detector a b` (or `--detector a,b`) → validated detector ids. An id that is not in the registry is a
 * usage error before any cluster call: silently running every detector would hide the typo.
 */
export function detectorIdsFromFlag(flag: DetectorFlag, known: readonly { id: string }[] = DETECTORS): { detectorIds?: string[] } {
  if (!flag.detector) return {};
  const ids = flag.detector.flatMap((value) => value.split(',')).map((id) => id.trim()).filter((id) => id.length > 0);
  const knownIds = known.map((d) => d.id);
  const unknown = ids.filter((id) => !knownIds.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(`unknown detector ${unknown.map((id) => `"${id}"`).join(', ')}; \`k8sdiag detectors\` lists the ids`);
  }
  if (ids.length === 0) throw new UsageError('--detector needs at least one detector id; `k8sdiag detectors` lists them');
  return { detectorIds: ids };
}

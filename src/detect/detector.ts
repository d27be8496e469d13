import type { Finding } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';

/**
 * One rule over a snapshot. Pure: no API calls, no clock (use snapshotTime), no env.
 * `id` is the file name under detectors/ and the value users pass to `--detector`.
 */
export interface Detector {
  readonly id: string;
  readonly description: string;
  detect(snapshot: Snapshot): Finding[];
}

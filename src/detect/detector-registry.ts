import type { Detector } from './detector.js';

/** The only list of detectors. Ids equal file names in detectors/ (checked by a test). */
export const DETECTORS: readonly Detector[] = [];

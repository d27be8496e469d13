import type { Detector } from './detector.js';
import { containerTerminated } from './detectors/container-terminated.js';
import { crashLoopBackOff } from './detectors/crash-loop-back-off.js';
import { createContainerConfigError } from './detectors/create-container-config-error.js';
import { deploymentPaused } from './detectors/deployment-paused.js';
import { evicted } from './detectors/evicted.js';
import { failedCreate } from './detectors/failed-create.js';
import { failedCreatePodSandbox } from './detectors/failed-create-pod-sandbox.js';
import { failedMount } from './detectors/failed-mount.js';
import { failedScheduling } from './detectors/failed-scheduling.js';
import { imagePullBackOff } from './detectors/image-pull-back-off.js';
import { initContainerFailure } from './detectors/init-container-failure.js';
import { initContainerWaiting } from './detectors/init-container-waiting.js';
import { jobFailed } from './detectors/job-failed.js';
import { livenessProbeFailed } from './detectors/liveness-probe-failed.js';
import { logErrorSignatures } from './detectors/log-error-signatures.js';
import { metricThresholds } from './detectors/metric-thresholds.js';
import { networkNotReady } from './detectors/network-not-ready.js';
import { oomKilled } from './detectors/oom-killed.js';
import { podPending } from './detectors/pod-pending.js';
import { progressDeadlineExceeded } from './detectors/progress-deadline-exceeded.js';
import { readinessProbeFailed } from './detectors/readiness-probe-failed.js';
import { runContainerError } from './detectors/run-container-error.js';
import { stuckTerminating } from './detectors/stuck-terminating.js';

/** The only list of detectors. Ids equal file names in detectors/ (checked by a test). */
export const DETECTORS: readonly Detector[] = [
  crashLoopBackOff,
  oomKilled,
  containerTerminated,
  imagePullBackOff,
  createContainerConfigError,
  runContainerError,
  initContainerFailure,
  initContainerWaiting,
  failedScheduling,
  livenessProbeFailed,
  readinessProbeFailed,
  evicted,
  failedMount,
  failedCreatePodSandbox,
  networkNotReady,
  failedCreate,
  stuckTerminating,
  progressDeadlineExceeded,
  deploymentPaused,
  jobFailed,
  logErrorSignatures,
  metricThresholds,
  podPending,
];

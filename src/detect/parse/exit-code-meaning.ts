import type { Category } from '../../domain/categories.js';

/**
 * What a container exit code says on its own. Codes above 128 are 128+signal (137 = SIGKILL,
 * 143 = SIGTERM, 139 = SIGSEGV); 126/127 are the shell's "cannot execute"/"not found";
 * 128 is what runc reports when the process never started (StartError).
 */
export interface ExitCodeMeaning {
  category: Category;
  meaning: string;
  /** True when the code alone is weak evidence and other signals should decide. */
  generic: boolean;
}

export function exitCodeMeaning(exitCode: number, reason?: string): ExitCodeMeaning {
  if (reason === 'OOMKilled') return { category: 'oom-killed', meaning: 'killed by the kernel OOM killer for exceeding its memory limit', generic: false };
  if (reason === 'StartError' || reason === 'ContainerCannotRun') return { category: 'command-error', meaning: 'the container process could not be started', generic: false };
  switch (exitCode) {
    case 126:
      return { category: 'command-error', meaning: 'the command was found but is not executable (permission denied or wrong format)', generic: false };
    case 127:
      return { category: 'command-error', meaning: 'the command was not found in the image', generic: false };
    case 128:
      return { category: 'command-error', meaning: 'the container process could not be started', generic: false };
    // A kill signal with no OOMKilled reason and no probe kill says nothing about the cause on its own.
    case 137:
      return { category: 'unknown', meaning: 'killed with SIGKILL (by the kubelet after a failed probe or grace period, or by the OOM killer)', generic: true };
    case 139:
      return { category: 'app-crash', meaning: 'segmentation fault (SIGSEGV) inside the application', generic: false };
    case 143:
      return { category: 'unknown', meaning: 'terminated with SIGTERM (asked to stop, e.g. by a probe restart or a rollout)', generic: true };
    case 134:
      return { category: 'app-crash', meaning: 'aborted (SIGABRT), usually a failed assertion or fatal runtime error', generic: false };
    case 1:
      return { category: 'app-crash', meaning: 'the application exited with a general error', generic: true };
    case 2:
      return { category: 'app-crash', meaning: 'the application exited with a usage or misuse error', generic: true };
    default:
      if (exitCode > 128 && exitCode < 160) return { category: 'app-crash', meaning: `killed by signal ${exitCode - 128}`, generic: true };
      return { category: 'app-crash', meaning: `the application exited with code ${exitCode}`, generic: true };
  }
}

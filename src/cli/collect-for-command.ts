import type { CollectOptions, TargetRequest } from '../collect/collect-snapshot.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { CommandIo, GlobalOptions } from './command-context.js';

/** Kube client options from the global flags; KUBECONFIG comes from the io's environment, not process.env. */
export function clusterOptions(globals: GlobalOptions, io: CommandIo): CollectOptions {
  return {
    timeoutMs: globals.timeoutMs,
    // HOME, KUBERNETES_SERVICE_HOST/PORT (in-cluster) and the base environment of exec credential plugins.
    env: io.env,
    ...(globals.kubeconfig ? { kubeconfig: globals.kubeconfig } : {}),
    ...(io.env.KUBECONFIG ? { envKubeconfig: io.env.KUBECONFIG } : {}),
    ...(globals.context ? { context: globals.context } : {}),
  };
}

/** One self-overwriting status line on a terminal; nothing at all when stderr is a pipe or file. */
export function progressLine(io: CommandIo): { update?: (line: string) => void; done: () => void } {
  if (!io.stderrIsTty) return { done: () => {} };
  let shown = false;
  return {
    update: (line) => {
      shown = true;
      io.err(`\r\x1b[K${line.slice(0, 100)}`);
    },
    done: () => {
      if (shown) io.err('\r\x1b[K');
    },
  };
}

/** Collects a snapshot for a live command, with progress while it runs. The collector is loaded lazily. */
export async function collectForCommand(request: TargetRequest, globals: GlobalOptions, io: CommandIo): Promise<Snapshot> {
  const { collectSnapshot } = await import('../collect/collect-snapshot.js');
  const progress = progressLine(io);
  try {
    return await collectSnapshot(request, clusterOptions(globals, io), progress.update);
  } finally {
    progress.done();
  }
}

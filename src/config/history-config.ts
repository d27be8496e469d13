import { homedir } from 'node:os';
import { join } from 'node:path';

export interface HistoryConfig {
  /** The SQLite file; `:memory:` is allowed for tests. */
  dbPath: string;
}

/**
 * K8SDIAG_HOME wins (CI jobs point it at a workspace cache), then K8SDIAG_CACHE_DIR, then XDG_CACHE_HOME, then
 * ~/.cache. K8SDIAG_HISTORY_DB names the file itself when a team shares one database.
 */
export function historyConfig(env: NodeJS.ProcessEnv, home: string = homedir()): HistoryConfig {
  if (env.K8SDIAG_HISTORY_DB) return { dbPath: env.K8SDIAG_HISTORY_DB };
  if (env.K8SDIAG_HOME) return { dbPath: join(env.K8SDIAG_HOME, 'history.db') };
  // The same cache directory the indexes use, so one setting moves everything k8sdiag writes.
  if (env.K8SDIAG_CACHE_DIR) return { dbPath: join(env.K8SDIAG_CACHE_DIR, 'history.db') };
  const cacheRoot = env.XDG_CACHE_HOME || join(home, '.cache');
  return { dbPath: join(cacheRoot, 'k8sdiag', 'history.db') };
}

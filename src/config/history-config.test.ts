import { describe, expect, it } from 'vitest';
import { historyConfig } from './history-config.js';

describe('historyConfig', () => {
  it('puts the database under K8SDIAG_HOME when set', () => {
    expect(historyConfig({ K8SDIAG_HOME: '/ci/cache' }, '/home/u').dbPath).toBe('/ci/cache/history.db');
  });
  it('shares the index cache directory when only K8SDIAG_CACHE_DIR is set', () => {
    expect(historyConfig({ K8SDIAG_CACHE_DIR: '/ci/k8sdiag' }, '/home/u').dbPath).toBe('/ci/k8sdiag/history.db');
  });
  it('falls back to the XDG cache dir, then ~/.cache', () => {
    expect(historyConfig({ XDG_CACHE_HOME: '/x' }, '/home/u').dbPath).toBe('/x/k8sdiag/history.db');
    expect(historyConfig({}, '/home/u').dbPath).toBe('/home/u/.cache/k8sdiag/history.db');
  });
  it('lets K8SDIAG_HISTORY_DB name the file directly', () => {
    expect(historyConfig({ K8SDIAG_HISTORY_DB: '/team/h.db', K8SDIAG_HOME: '/ci' }).dbPath).toBe('/team/h.db');
  });
});

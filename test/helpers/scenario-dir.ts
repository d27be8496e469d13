import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot } from '../../src/domain/snapshot.js';
import { makeContainerStatus, makeEvent, makePod, makeSnapshot } from './builders.js';

export interface InlineScenario {
  id: string;
  snapshot: Snapshot;
  label: { category: string; status?: string; evidence?: string[]; fix?: string[]; tricky?: boolean; notes: string };
}

/** A pod whose container was OOMKilled; names vary so nothing is keyed to one fixture. */
export function oomScenario(id: string, podName: string): InlineScenario {
  const pod = makePod({
    name: podName,
    containerStatuses: [makeContainerStatus({ waiting: 'CrashLoopBackOff', waitingMessage: 'back-off 5m0s restarting failed container', lastTerminated: { exitCode: 137, reason: 'OOMKilled' } })],
  });
  return {
    id,
    snapshot: makeSnapshot({
      objects: [pod],
      events: [makeEvent({ name: podName, container: 'app', reason: 'BackOff', type: 'Warning', message: `Back-off restarting failed container app in pod ${podName}_shop(uid-${podName})` })],
    }),
    label: { category: 'oom-killed', status: 'failing', evidence: ['OOMKilled'], fix: [], notes: 'The container exceeds its 256Mi memory limit. Fix: raise the limit.' },
  };
}

export function healthyScenario(id: string, podName: string): InlineScenario {
  return {
    id,
    snapshot: makeSnapshot({ objects: [makePod({ name: podName })] }),
    label: { category: 'healthy', status: 'healthy', notes: 'All containers are running and ready.' },
  };
}

/** Writes scenarios in the spec layout `<dir>/<id>/{snapshot,label}.json` and returns the dir. */
export function writeScenarioDir(scenarios: readonly InlineScenario[], dir = mkdtempSync(join(tmpdir(), 'k8sdiag-scenarios-'))): string {
  for (const scenario of scenarios) {
    mkdirSync(join(dir, scenario.id), { recursive: true });
    writeFileSync(join(dir, scenario.id, 'snapshot.json'), JSON.stringify(scenario.snapshot, null, 2));
    writeFileSync(join(dir, scenario.id, 'label.json'), JSON.stringify({ evidence: [], fix: [], tricky: false, ...scenario.label }, null, 2));
  }
  return dir;
}

export function standardScenarioSet(): InlineScenario[] {
  return [
    oomScenario('mem-a', 'api-6c5d7f9b8-q2w3e'),
    oomScenario('mem-b', 'worker-5b6c7d8e9-r4t5y'),
    oomScenario('mem-c', 'renderer-7f8g9h0j1-u6i7o'),
    healthyScenario('ok-a', 'web-7d9f8c6b5-x2kq7'),
    healthyScenario('ok-b', 'cart-8e9f0a1b2-p8a9s'),
  ];
}

import type { Finding } from '../../domain/diagnosis.js';
import { formatBytes, parseQuantity } from '../../domain/quantity.js';
import type { Detector } from '../detector.js';
import { containerPatchFix } from '../fix-commands.js';
import { makeFinding } from '../make-finding.js';
import { activePods, containerSpec } from '../pod-facts.js';
import { suggestMemoryLimit } from './oom-killed.js';

const id = 'metric-thresholds';
const THRESHOLD = 0.9;

/** Memory above 90% of its limit is an OOM kill waiting to happen; CPU above 90% means throttling (info). */
export const metricThresholds: Detector = {
  id,
  description: 'Containers using more than 90% of their memory or CPU limit (metrics.k8s.io).',
  detect(snapshot) {
    const findings: Finding[] = [];
    const pods = new Map(activePods(snapshot).map((p) => [p.metadata.name, p]));
    for (const metric of snapshot.metrics ?? []) {
      const pod = pods.get(metric.pod);
      const spec = pod ? containerSpec(pod, metric.container) : undefined;
      if (!pod || !spec) continue;
      const memoryLimit = parseQuantity(spec.resources?.limits?.memory);
      const memory = parseQuantity(metric.memory);
      if (Number.isFinite(memoryLimit) && Number.isFinite(memory) && memory / memoryLimit > THRESHOLD) {
        const suggested = formatBytes(suggestMemoryLimit(memoryLimit));
        findings.push(makeFinding({
          snapshot, subject: pod, detector: id, category: 'oom-killed', severity: 'warning', container: metric.container,
          title: `Container ${metric.container} uses ${Math.round((memory / memoryLimit) * 100)}% of its memory limit`,
          rootCause: `Container ${metric.container} in pod ${pod.metadata.name} uses ${metric.memory} of its ${spec.resources?.limits?.memory} memory limit and will be OOMKilled if it grows.`,
          evidence: [{ source: 'metric', text: `memory ${metric.memory} / limit ${spec.resources?.limits?.memory}`, location: `metrics pod/${pod.metadata.name} container ${metric.container}` }],
          fixes: [containerPatchFix(snapshot, pod, metric.container, `Raise the memory limit of ${metric.container} to ${suggested}`, `resources:\n  limits:\n    memory: ${suggested}`)],
          confidence: 0.6,
          key: 'oom',
        }));
      }
      const cpuLimit = parseQuantity(spec.resources?.limits?.cpu);
      const cpu = parseQuantity(metric.cpu);
      if (Number.isFinite(cpuLimit) && Number.isFinite(cpu) && cpu / cpuLimit > THRESHOLD) {
        findings.push(makeFinding({
          snapshot, subject: pod, detector: id, category: 'insufficient-resources', severity: 'info', container: metric.container,
          title: `Container ${metric.container} runs at ${Math.round((cpu / cpuLimit) * 100)}% of its CPU limit (throttled)`,
          rootCause: `Container ${metric.container} in pod ${pod.metadata.name} uses ${metric.cpu} of its ${spec.resources?.limits?.cpu} CPU limit, so it is throttled; slow responses can fail probes.`,
          evidence: [{ source: 'metric', text: `cpu ${metric.cpu} / limit ${spec.resources?.limits?.cpu}`, location: `metrics pod/${pod.metadata.name} container ${metric.container}` }],
          fixes: [],
          confidence: 0.4,
          key: 'cpu-throttle',
        }));
      }
    }
    return findings;
  },
};

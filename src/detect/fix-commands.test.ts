import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeContainer, makeContainerStatus, makePod, makeSnapshot } from '../../test/helpers/builders.js';
import { containerPatchFix } from './fix-commands.js';

describe('containerPatchFix', () => {
  it('patches the Deployment template, as valid YAML naming the container', () => {
    const pod = makePod();
    const fix = containerPatchFix(makeSnapshot({ objects: [pod] }), pod, 'app', 'Raise the memory limit', 'resources:\n  limits:\n    memory: 512Mi');
    expect(fix.command).toContain('deployment/web');
    expect(parse(fix.patch!)).toEqual({ spec: { template: { spec: { containers: [{ name: 'app', resources: { limits: { memory: '512Mi' } } }] } } } });
  });

  it('puts an init container under initContainers, where strategic merge finds it', () => {
    const pod = makePod({ initContainers: [makeContainer({ name: 'warm-cache' })], initContainerStatuses: [makeContainerStatus({ name: 'warm-cache' })] });
    const fix = containerPatchFix(makeSnapshot({ objects: [pod] }), pod, 'warm-cache', 'Raise the memory limit', 'resources:\n  limits:\n    memory: 1Gi');
    expect(parse(fix.patch!).spec.template.spec.initContainers[0]).toEqual({ name: 'warm-cache', resources: { limits: { memory: '1Gi' } } });
  });

  it('gives a bare pod a pod-level patch and no kubectl patch command', () => {
    const pod = makePod({ owner: null });
    const fix = containerPatchFix(makeSnapshot({ objects: [pod] }), pod, 'app', 'Use port 3000', 'readinessProbe:\n  tcpSocket:\n    port: 3000');
    expect(fix.command).toBeUndefined();
    expect(parse(fix.patch!)).toEqual({ spec: { containers: [{ name: 'app', readinessProbe: { tcpSocket: { port: 3000 } } }] } });
  });
});

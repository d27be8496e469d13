import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../domain/snapshot.js';
import { makeContainerStatus, makeEvent, makePod, makeSnapshot, makeWorkload } from '../../../test/helpers/builders.js';
import { DETECTORS } from '../detector-registry.js';

function fixText(snapshot: Snapshot, id: string): string {
  return DETECTORS.find((d) => d.id === id)!.detect(snapshot).flatMap((f) => f.fixes.map((x) => `${x.description} ${x.command ?? ''} ${x.patch ?? ''}`)).join('\n');
}

const creating = (volumes: NonNullable<ReturnType<typeof makePod>['spec']>['volumes']) =>
  makePod({ phase: 'Pending', containerStatuses: [makeContainerStatus({ waiting: 'ContainerCreating' })], spec: { volumes } });

describe('fixes name the objects and values from the snapshot', () => {
  it('Multi-Attach on a single-replica RollingUpdate Deployment: names the claim and suggests Recreate', () => {
    const pod = creating([{ name: 'data', persistentVolumeClaim: { claimName: 'uploads' } }]);
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'uploads', namespace: 'shop' }, spec: { volumeName: 'pvc-0b1c2d3e', accessModes: ['ReadWriteOnce'] }, status: { phase: 'Bound' } };
    const deployment = makeWorkload('Deployment', 'web', { spec: { replicas: 1, strategy: { type: 'RollingUpdate' } } });
    const rs = makeWorkload('ReplicaSet', 'web-7d9f8c6b5', { owner: { kind: 'Deployment', name: 'web' } });
    const event = makeEvent({ reason: 'FailedAttachVolume', message: 'Multi-Attach error for volume "pvc-0b1c2d3e" Volume is already used by pod(s) web-7d9f8c6b5-old12' });
    const text = fixText(makeSnapshot({ objects: [pod, claim, deployment, rs], events: [event] }), 'failed-mount');
    expect(text).toContain('uploads');
    expect(text).toContain('Recreate');
  });

  it('NFS mount timeout: names the server and export', () => {
    const pod = creating([{ name: 'media', nfs: { server: '10.20.0.5', path: '/exports/media' } }]);
    const event = makeEvent({ reason: 'FailedMount', message: 'MountVolume.SetUp failed for volume "media" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs 10.20.0.5:/exports/media /var/lib/kubelet/pods/abc/volumes/kubernetes.io~nfs/media\nOutput: mount.nfs: Connection timed out' });
    expect(fixText(makeSnapshot({ objects: [pod], events: [event] }), 'failed-mount')).toContain('10.20.0.5:/exports/media');
  });

  it('ProgressDeadlineExceeded with minReadySeconds >= progressDeadlineSeconds: says so with both values', () => {
    const deployment = makeWorkload('Deployment', 'web', { spec: { replicas: 2, minReadySeconds: 900, progressDeadlineSeconds: 600 } as never, status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-5c8d7f9b6" has timed out progressing.' }] } });
    const text = fixText(makeSnapshot({ target: { kind: 'Deployment', namespace: 'shop', name: 'web' }, objects: [deployment] }), 'progress-deadline-exceeded');
    expect(text).toContain('minReadySeconds (900)');
    expect(text).toContain('progressDeadlineSeconds (600)');
  });

  it('a plain deadline without minReadySeconds does not blame minReadySeconds', () => {
    const deployment = makeWorkload('Deployment', 'web', { spec: { replicas: 2 }, status: { conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] } });
    expect(fixText(makeSnapshot({ target: { kind: 'Deployment', namespace: 'shop', name: 'web' }, objects: [deployment] }), 'progress-deadline-exceeded')).not.toContain('minReadySeconds');
  });

  it('CRI-O CreateContainerError for a script without the exec bit: names the script, chmod +x and sh', () => {
    const pod = makePod({ phase: 'Pending', containerStatuses: [makeContainerStatus({ waiting: 'CreateContainerError', waitingMessage: 'container create failed: time="2026-05-12T09:47:31Z" level=error msg="runc create failed: unable to start container process: exec: \\"/opt/app/start.sh\\": permission denied"\n' })] });
    const text = fixText(makeSnapshot({ objects: [pod] }), 'run-container-error');
    expect(text).toContain('chmod +x /opt/app/start.sh');
    expect(text).toContain('command: ["sh", "/opt/app/start.sh"]');
  });

  it('exec format error: names the node architecture to build for', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, status: { nodeInfo: { architecture: 'arm64', operatingSystem: 'linux' } } };
    const pod = makePod({ containerStatuses: [makeContainerStatus({ ready: false, state: { terminated: { exitCode: 255, reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/usr/bin/server": exec format error: unknown' } } })] });
    expect(fixText(makeSnapshot({ objects: [pod, node] }), 'run-container-error')).toContain('linux/arm64');
  });
});

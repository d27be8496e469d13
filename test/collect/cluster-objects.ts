/**
 * Realistic API JSON for the fake apiserver, shaped like `kubectl get -o json` output of a small
 * shop namespace. Times are relative to the real clock because the live collector stamps
 * collectedAt with it.
 */

export function ago(minutes: number, now = Date.now()): string {
  return new Date(now - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const meta = (name: string, namespace: string | undefined, extra: Record<string, unknown> = {}) => ({
  name, ...(namespace ? { namespace } : {}), uid: `uid-${namespace ?? 'cluster'}-${name}`, resourceVersion: '1001',
  creationTimestamp: ago(600), ...extra,
});

const owner = (kind: string, name: string, namespace: string) => ({
  ownerReferences: [{ apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, name, uid: `uid-${namespace}-${name}`, controller: true, blockOwnerDeletion: true }],
});

export function node(name: string) {
  return {
    kind: 'Node', apiVersion: 'v1', metadata: meta(name, undefined, { labels: { 'kubernetes.io/hostname': name } }),
    spec: { podCIDR: '10.244.1.0/24' },
    status: {
      allocatable: { cpu: '3920m', memory: '15Gi', pods: '110' }, capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: ago(5000) }],
      nodeInfo: { kubeletVersion: 'v1.30.2', containerRuntimeVersion: 'containerd://1.7.13' },
    },
  };
}

export interface PodShape {
  name: string;
  namespace: string;
  ownerKind?: string;
  ownerName?: string;
  labels: Record<string, string>;
  image?: string;
  state: 'running' | 'crashloop' | 'pending';
  restarts?: number;
}

export function pod(shape: PodShape) {
  const container = {
    name: 'app', image: shape.image ?? 'registry.example.com/shop/web:1.4.2', imagePullPolicy: 'IfNotPresent',
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    env: [
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'web-db', key: 'password' } } },
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'log-level' } } },
    ],
    resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    volumeMounts: [{ name: 'data', mountPath: '/data' }],
  };
  const ready = shape.state === 'running';
  const uid = `uid-${shape.namespace}-${shape.name}`;
  const containerStatus = shape.state === 'pending' ? undefined : {
    name: 'app', ready, started: ready, restartCount: shape.restarts ?? (shape.state === 'crashloop' ? 7 : 0),
    image: container.image, imageID: `${container.image.split(':')[0]}@sha256:4f1c0d9b`, containerID: 'containerd://9a8b7c6d5e4f',
    state: shape.state === 'running'
      ? { running: { startedAt: ago(300) } }
      : { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=app pod=${shape.name}_${shape.namespace}(${uid})` } },
    lastState: shape.state === 'crashloop'
      ? { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(3), finishedAt: ago(2), containerID: 'containerd://1a2b3c4d' } }
      : {},
  };
  return {
    kind: 'Pod', apiVersion: 'v1',
    metadata: meta(shape.name, shape.namespace, {
      labels: shape.labels,
      ...(shape.ownerKind && shape.ownerName ? owner(shape.ownerKind, shape.ownerName, shape.namespace) : {}),
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: ago(600) }],
    }),
    spec: {
      containers: [container], restartPolicy: 'Always', serviceAccountName: 'default',
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }],
      ...(shape.state === 'pending' ? {} : { nodeName: 'worker-1' }),
    },
    status: {
      phase: shape.state === 'pending' ? 'Pending' : 'Running',
      conditions: shape.state === 'pending'
        ? [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', lastTransitionTime: ago(30) }]
        : [
          { type: 'Initialized', status: 'True', lastTransitionTime: ago(600) },
          { type: 'Ready', status: ready ? 'True' : 'False', ...(ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }), lastTransitionTime: ago(100) },
          { type: 'ContainersReady', status: ready ? 'True' : 'False', lastTransitionTime: ago(100) },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: ago(600) },
        ],
      qosClass: 'Burstable', startTime: ago(600),
      ...(shape.state === 'pending' ? {} : { hostIP: '10.0.0.11', podIP: '10.244.1.23', containerStatuses: [containerStatus] }),
    },
  };
}

export function deployment(name: string, namespace: string, options: { revision: number; replicas: number; ready: number; stuck?: boolean }) {
  return {
    kind: 'Deployment', apiVersion: 'apps/v1',
    metadata: meta(name, namespace, {
      generation: options.revision,
      annotations: { 'deployment.kubernetes.io/revision': String(options.revision), 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1","kind":"Deployment"}' },
    }),
    spec: {
      replicas: options.replicas, selector: { matchLabels: { app: name } }, progressDeadlineSeconds: 600,
      template: { metadata: { labels: { app: name } }, spec: pod({ name: 'x', namespace, labels: {}, state: 'running' }).spec },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
    status: {
      observedGeneration: options.revision, replicas: options.replicas, readyReplicas: options.ready, availableReplicas: options.ready,
      updatedReplicas: 1, unavailableReplicas: options.replicas - options.ready,
      conditions: [
        { type: 'Available', status: options.ready > 0 ? 'True' : 'False', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        options.stuck
          ? { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${name}-7d9f8c6b5" has timed out progressing.` }
          : { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}-7d9f8c6b5" is progressing.` },
      ],
    },
  };
}

export function replicaSet(name: string, namespace: string, deploymentName: string, options: { revision: number; replicas: number; ready: number; hash: string }) {
  return {
    kind: 'ReplicaSet', apiVersion: 'apps/v1',
    metadata: meta(name, namespace, {
      labels: { app: deploymentName, 'pod-template-hash': options.hash },
      annotations: { 'deployment.kubernetes.io/revision': String(options.revision), 'deployment.kubernetes.io/desired-replicas': '3' },
      ...owner('Deployment', deploymentName, namespace),
    }),
    spec: { replicas: options.replicas, selector: { matchLabels: { app: deploymentName, 'pod-template-hash': options.hash } } },
    status: { replicas: options.replicas, readyReplicas: options.ready, availableReplicas: options.ready, observedGeneration: 1 },
  };
}

export function event(namespace: string, involved: { kind: string; name: string }, reason: string, message: string, options: { type?: string; component?: string; count?: number; modern?: boolean } = {}) {
  const base = {
    kind: 'Event', apiVersion: 'v1',
    metadata: meta(`${involved.name}.${reason.toLowerCase()}${Math.abs(hash(message))}`, namespace),
    involvedObject: { kind: involved.kind, namespace, name: involved.name, uid: `uid-${namespace}-${involved.name}`, apiVersion: involved.kind === 'Pod' ? 'v1' : 'apps/v1', ...(involved.kind === 'Pod' ? { fieldPath: 'spec.containers{app}' } : {}) },
    reason, message, type: options.type ?? 'Normal',
  };
  // The scheduler writes events.k8s.io-style events: no counts or first/last timestamps, eventTime + series instead.
  if (options.modern) {
    return { ...base, eventTime: `${ago(5).replace('Z', '')}.123456Z`, firstTimestamp: null, lastTimestamp: null, count: null, reportingComponent: options.component ?? 'default-scheduler', reportingInstance: '', action: 'Scheduling', source: {} };
  }
  return { ...base, firstTimestamp: ago(60), lastTimestamp: ago(2), count: options.count ?? 1, source: { component: options.component ?? 'kubelet', host: 'worker-1' } };
}

function hash(text: string): number {
  let h = 0;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) | 0;
  return h;
}

/** Things the web pods reference: config, a secret with a real value, a bound claim, a service. */
export function webSupport(namespace: string) {
  return [
    node('worker-1'),
    { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta('web-config', namespace), data: { 'log-level': 'info' } },
    {
      kind: 'Secret', apiVersion: 'v1', type: 'Opaque',
      metadata: meta('web-db', namespace, { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"stringData":{"password":"hunter2-super-secret"}}' } }),
      data: { password: Buffer.from('hunter2-super-secret').toString('base64'), username: Buffer.from('shop').toString('base64') },
    },
    { kind: 'PersistentVolumeClaim', apiVersion: 'v1', metadata: meta('web-data', namespace), spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', volumeName: 'pvc-1f2e3d', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Bound' } },
    { kind: 'PersistentVolume', apiVersion: 'v1', metadata: meta('pvc-1f2e3d', undefined), spec: { capacity: { storage: '1Gi' }, claimRef: { namespace, name: 'web-data' } }, status: { phase: 'Bound' } },
    { kind: 'Service', apiVersion: 'v1', metadata: meta('web', namespace), spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }], type: 'ClusterIP', clusterIP: '10.96.12.7' } },
    { kind: 'Service', apiVersion: 'v1', metadata: meta('other', namespace), spec: { selector: { app: 'other' }, ports: [{ port: 80 }] } },
    { kind: 'Endpoints', apiVersion: 'v1', metadata: meta('web', namespace), subsets: [{ addresses: [{ ip: '10.244.1.20' }], notReadyAddresses: [{ ip: '10.244.1.23' }], ports: [{ port: 8080, name: 'http', protocol: 'TCP' }] }] },
    { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta('compute', namespace), spec: { hard: { 'requests.cpu': '4', pods: '20' } }, status: { hard: { 'requests.cpu': '4', pods: '20' }, used: { 'requests.cpu': '400m', pods: '4' } } },
    { kind: 'LimitRange', apiVersion: 'v1', metadata: meta('defaults', namespace), spec: { limits: [{ type: 'Container', default: { memory: '512Mi' } }] } },
  ];
}

export const CRASH_LOG = [
  '2026-11-20T09:58:01.120Z INFO starting web 1.4.2',
  '2026-11-20T09:58:01.340Z INFO connecting to postgres at db.shop.svc.cluster.local:5432',
  'Error: connect ECONNREFUSED 10.96.40.2:5432',
  '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
  '',
].join('\n');

/** The shop namespace: Deployment web mid-rollout, old ReplicaSet serving two pods, the new one crash-looping. */
export function shopCluster(namespace = 'shop') {
  const newRs = 'web-7d9f8c6b5';
  const oldRs = 'web-5c8d7f9b6';
  const crashing = `${newRs}-x2kq7`;
  return {
    crashing,
    healthy: `${oldRs}-a1b2c`,
    objects: [
      deployment('web', namespace, { revision: 2, replicas: 3, ready: 2 }),
      replicaSet(newRs, namespace, 'web', { revision: 2, replicas: 1, ready: 0, hash: '7d9f8c6b5' }),
      replicaSet(oldRs, namespace, 'web', { revision: 1, replicas: 2, ready: 2, hash: '5c8d7f9b6' }),
      pod({ name: crashing, namespace, ownerKind: 'ReplicaSet', ownerName: newRs, labels: { app: 'web', 'pod-template-hash': '7d9f8c6b5' }, image: 'registry.example.com/shop/web:1.5.0', state: 'crashloop' }),
      pod({ name: `${oldRs}-a1b2c`, namespace, ownerKind: 'ReplicaSet', ownerName: oldRs, labels: { app: 'web', 'pod-template-hash': '5c8d7f9b6' }, state: 'running' }),
      pod({ name: `${oldRs}-d3e4f`, namespace, ownerKind: 'ReplicaSet', ownerName: oldRs, labels: { app: 'web', 'pod-template-hash': '5c8d7f9b6' }, state: 'running' }),
      pod({ name: 'unrelated-6f7g8', namespace, labels: { app: 'other' }, state: 'running' }),
      ...webSupport(namespace),
      event(namespace, { kind: 'Pod', name: crashing }, 'BackOff', `Back-off restarting failed container app in pod ${crashing}_${namespace}(uid-${namespace}-${crashing})`, { type: 'Warning', count: 31 }),
      event(namespace, { kind: 'Pod', name: crashing }, 'Pulled', 'Container image "registry.example.com/shop/web:1.5.0" already present on machine', { count: 8 }),
      event(namespace, { kind: 'Pod', name: crashing }, 'Scheduled', `Successfully assigned ${namespace}/${crashing} to worker-1`, { modern: true }),
      event(namespace, { kind: 'Deployment', name: 'web' }, 'ScalingReplicaSet', `Scaled up replica set ${newRs} to 1`, { component: 'deployment-controller' }),
      event(namespace, { kind: 'ReplicaSet', name: newRs }, 'SuccessfulCreate', `Created pod: ${crashing}`, { component: 'replicaset-controller' }),
      event(namespace, { kind: 'Pod', name: 'unrelated-6f7g8' }, 'Pulled', 'Container image "nginx:1.27" already present on machine'),
    ],
  };
}

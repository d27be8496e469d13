/**
 * Loose TypeScript views of the raw Kubernetes API JSON stored in a snapshot
 * (`kubectl get -o json` shape). Every field is optional because real dumps,
 * peers' fixtures and partial RBAC all leave holes; readers must cope.
 */

export interface OwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  deletionGracePeriodSeconds?: number;
  finalizers?: string[];
  generation?: number;
  resourceVersion?: string;
}

export interface K8sObject {
  apiVersion?: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface ResourceList {
  cpu?: string;
  memory?: string;
  [resource: string]: string | undefined;
}

export interface ResourceRequirements {
  limits?: ResourceList;
  requests?: ResourceList;
}

export interface KeySelector {
  name?: string;
  key: string;
  optional?: boolean;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: KeySelector;
    secretKeyRef?: KeySelector;
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { resource: string; containerName?: string };
  };
}

export interface EnvFromSource {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

export interface ProbeHandler {
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string };
  tcpSocket?: { port: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port: number; service?: string };
}

export interface Probe extends ProbeHandler {
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  workingDir?: string;
  ports?: ContainerPort[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  resources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  imagePullPolicy?: string;
  securityContext?: Record<string, unknown>;
  /** "Always" marks a native sidecar when set on an init container. */
  restartPolicy?: string;
}

export interface Volume {
  name: string;
  configMap?: { name?: string; items?: { key: string; path: string }[]; optional?: boolean };
  secret?: { secretName?: string; items?: { key: string; path: string }[]; optional?: boolean };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  projected?: { sources?: { configMap?: { name?: string; optional?: boolean }; secret?: { name?: string; optional?: boolean } }[] };
  [source: string]: unknown;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Record<string, unknown>;
  tolerations?: Toleration[];
  restartPolicy?: string;
  serviceAccountName?: string;
  imagePullSecrets?: { name: string }[];
  priorityClassName?: string;
  terminationGracePeriodSeconds?: number;
  topologySpreadConstraints?: Record<string, unknown>[];
  schedulerName?: string;
}

export interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}

export interface ContainerStateRunning {
  startedAt?: string | null;
}

export interface ContainerStateTerminated {
  exitCode: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  containerID?: string;
}

export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: ContainerStateRunning;
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  image?: string;
  imageID?: string;
  containerID?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string | null;
  lastUpdateTime?: string | null;
  lastProbeTime?: string | null;
}

export interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: Condition[];
  hostIP?: string;
  podIP?: string;
  startTime?: string | null;
  qosClass?: string;
  nominatedNodeName?: string;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  ephemeralContainerStatuses?: ContainerStatus[];
}

export interface Pod extends K8sObject {
  kind: 'Pod';
  spec?: PodSpec;
  status?: PodStatus;
}

export interface PodTemplateSpec {
  metadata?: Partial<ObjectMeta>;
  spec?: PodSpec;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  progressDeadlineSeconds?: number;
  strategy?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface WorkloadStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  updatedReplicas?: number;
  unavailableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
  // StatefulSet / DaemonSet / Job specifics
  currentReplicas?: number;
  desiredNumberScheduled?: number;
  numberReady?: number;
  numberUnavailable?: number;
  active?: number;
  succeeded?: number;
  failed?: number;
  [key: string]: unknown;
}

/** Deployment, ReplicaSet, StatefulSet, DaemonSet, Job. */
export interface Workload extends K8sObject {
  spec?: WorkloadSpec;
  status?: WorkloadStatus;
}

export interface NodeStatus {
  conditions?: Condition[];
  allocatable?: ResourceList;
  capacity?: ResourceList;
  nodeInfo?: Record<string, string>;
}

export interface Node extends K8sObject {
  kind: 'Node';
  spec?: { taints?: Taint[]; unschedulable?: boolean; podCIDR?: string };
  status?: NodeStatus;
}

export interface PersistentVolumeClaim extends K8sObject {
  kind: 'PersistentVolumeClaim';
  spec?: { storageClassName?: string | null; volumeName?: string; accessModes?: string[]; resources?: ResourceRequirements };
  status?: { phase?: string; conditions?: Condition[] };
}

export interface ConfigMapOrSecret extends K8sObject {
  /** ConfigMap: keys with their values. Secret: values are dropped at collection, keys kept with "". */
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  type?: string;
}

export interface ResourceQuota extends K8sObject {
  kind: 'ResourceQuota';
  spec?: { hard?: ResourceList };
  status?: { hard?: ResourceList; used?: ResourceList };
}

export interface InvolvedObject {
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  fieldPath?: string;
  apiVersion?: string;
}

/** core/v1 Event as the API returns it; the scheduler's carry eventTime/series instead of counts. */
export interface ClusterEvent {
  apiVersion?: string;
  kind?: string;
  metadata?: Partial<ObjectMeta>;
  involvedObject: InvolvedObject;
  reason?: string;
  message?: string;
  type?: string;
  count?: number | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string } | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
  action?: string;
}

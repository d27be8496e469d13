import type { Category } from '../domain/categories.js';

/**
 * How people and Kubernetes name each failure, and a one-paragraph stand-in answer used by HyDE
 * when neither an LLM nor a matched pattern supplies one. Patterns are case-insensitive.
 */
export interface ErrorSignal {
  category: Category;
  /** The canonical reason to report as the question's error type. */
  errorType: string;
  pattern: RegExp;
  answer: string;
}

export const ERROR_SIGNALS: readonly ErrorSignal[] = [
  { category: 'oom-killed', errorType: 'OOMKilled', pattern: /\boom ?kill|out of memory|exit(?: code)? 137\b|memory limit/i,
    answer: 'The container was OOMKilled with exit code 137 because it used more memory than its memory limit. Raise resources.limits.memory or reduce the application memory use, then check the QoS class and memory requests.' },
  { category: 'init-container-failure', errorType: 'Init:CrashLoopBackOff', pattern: /\binit:|init container|initcontainer/i,
    answer: 'An init container fails, so the main containers never start and the pod stays in Init:Error or Init:CrashLoopBackOff. Read the init container logs with kubectl logs -c and fix its command or what it waits for.' },
  { category: 'command-error', errorType: 'StartError', pattern: /executable file not found|exec format error|\bstarterror\b|runcontainererror|exit(?: code)? 12[678]\b|permission denied.*exec|no such file or directory/i,
    answer: 'The container command cannot run: executable file not found in $PATH, exec format error or exit code 127. Fix command and args in the pod spec or the image entrypoint, and build the image for the node architecture.' },
  { category: 'liveness-probe-failure', errorType: 'Liveness probe failed', pattern: /liveness|startup probe|failed liveness/i,
    answer: 'The kubelet kills and restarts the container because its liveness probe fails. Check the probe path, port, timeoutSeconds and initialDelaySeconds, or add a startupProbe for slow starting applications.' },
  { category: 'readiness-probe-failure', errorType: 'Readiness probe failed', pattern: /readiness|not ready|no endpoints|never (?:becomes )?ready/i,
    answer: 'The pod runs but is never Ready because its readiness probe fails, so the Service has no endpoints. Check the readiness probe path, port and thresholds against what the application serves.' },
  { category: 'image-pull-auth', errorType: 'ErrImagePull (unauthorized)', pattern: /unauthorized|authentication required|pull access denied|imagepullsecret|private registry|\b40[13]\b/i,
    answer: 'The registry refuses to serve the image without valid credentials: unauthorized or authentication required while pulling. Create a docker-registry Secret and reference it in imagePullSecrets or the service account.' },
  { category: 'invalid-image-name', errorType: 'InvalidImageName', pattern: /invalidimagename|invalid reference format|image name/i,
    answer: 'The image reference is malformed, so the kubelet reports InvalidImageName. Fix the image field: registry host, repository path in lowercase, and tag or digest.' },
  { category: 'registry-unreachable', errorType: 'ErrImagePull (registry unreachable)', pattern: /registry.*(?:timeout|unreachable|no such host)|i\/o timeout|x509|tls handshake/i,
    answer: 'The node cannot reach the image registry: i/o timeout, no such host or TLS errors while pulling. Check DNS, proxy, firewall and certificates on the node, or mirror the image.' },
  { category: 'image-not-found', errorType: 'ImagePullBackOff', pattern: /imagepullbackoff|errimagepull|manifest unknown|image.*not found|pull(?:ing)? (?:the )?image|\btag\b/i,
    answer: 'The image or tag does not exist, so pulling fails with ErrImagePull then ImagePullBackOff and manifest unknown. Check the repository name and tag, push the image, or correct the image field.' },
  { category: 'missing-config-key', errorType: 'CreateContainerConfigError (missing key)', pattern: /couldn'?t find key|missing key|key .* not found/i,
    answer: 'The ConfigMap or Secret exists but lacks the key referenced by configMapKeyRef or secretKeyRef. Add the key or mark the reference optional.' },
  { category: 'missing-configmap', errorType: 'CreateContainerConfigError (ConfigMap)', pattern: /configmap/i,
    answer: 'A referenced ConfigMap does not exist, so the container fails with CreateContainerConfigError: configmap not found. Create the ConfigMap in the same namespace or fix its name.' },
  { category: 'missing-secret', errorType: 'CreateContainerConfigError (Secret)', pattern: /\bsecret\b/i,
    answer: 'A referenced Secret does not exist, so the container fails with CreateContainerConfigError: secret not found. Create the Secret in the namespace or fix the reference.' },
  { category: 'untolerated-taint', errorType: 'FailedScheduling (taint)', pattern: /taint|toleration/i,
    answer: 'Every node that fits carries a taint the pod does not tolerate: FailedScheduling had untolerated taint. Add a matching toleration or remove the taint from the node.' },
  { category: 'node-affinity-mismatch', errorType: 'FailedScheduling (affinity)', pattern: /affinity|node ?selector|topology spread/i,
    answer: 'No node matches the pod nodeSelector, node affinity, pod anti-affinity or topology spread constraints, so scheduling fails. Label nodes or relax the placement rules.' },
  { category: 'insufficient-resources', errorType: 'FailedScheduling (insufficient resources)', pattern: /insufficient|pending|unschedulable|failedscheduling|too many pods/i,
    answer: 'The pod stays Pending because no node has enough allocatable cpu or memory for its requests: FailedScheduling Insufficient cpu. Lower requests, free capacity or add nodes.' },
  { category: 'pvc-unbound', errorType: 'FailedScheduling (unbound PVC)', pattern: /persistentvolumeclaim|\bpvc\b|unbound|storageclass/i,
    answer: 'The PersistentVolumeClaim is Pending and not bound, so the pod cannot be scheduled. Check the StorageClass, the provisioner and whether a matching PersistentVolume exists.' },
  { category: 'volume-mount-failure', errorType: 'FailedMount', pattern: /failedmount|failedattachvolume|mount|attach/i,
    answer: 'A volume cannot be attached or mounted: FailedMount or FailedAttachVolume events. Check the volume source exists, is not attached elsewhere, and that the node can reach the storage.' },
  { category: 'sandbox-failure', errorType: 'FailedCreatePodSandBox', pattern: /sandbox|\bcni\b|ip address|network plugin/i,
    answer: 'The pod sandbox cannot be created because the CNI network plugin fails or IP addresses are exhausted: FailedCreatePodSandBox. Check the CNI pods and the node network configuration.' },
  { category: 'evicted', errorType: 'Evicted', pattern: /evict|node pressure|diskpressure|memorypressure|low on resource/i,
    answer: 'The kubelet evicted the pod because the node was low on resource such as memory or ephemeral storage. Set requests, limit ephemeral storage and review node pressure thresholds.' },
  { category: 'quota-exceeded', errorType: 'FailedCreate (quota)', pattern: /quota|limitrange|forbidden|failedcreate/i,
    answer: 'A ResourceQuota or LimitRange forbids creating the pods: FailedCreate exceeded quota. Raise the quota, lower requests or set requests and limits the LimitRange accepts.' },
  { category: 'stuck-terminating', errorType: 'Terminating', pattern: /terminating|finalizer|won'?t delete|stuck deleting/i,
    answer: 'The pod stays Terminating because finalizers block deletion or its node is NotReady. Remove the finalizer or force delete once the node is gone.' },
  { category: 'rollout-stuck', errorType: 'ProgressDeadlineExceeded', pattern: /rollout|progressdeadline|deployment.*(?:stuck|progress)/i,
    answer: 'The Deployment rollout stopped progressing: ProgressDeadlineExceeded. Inspect the new ReplicaSet pods for the failure, then fix it or roll back with kubectl rollout undo.' },
  { category: 'missing-dependency', errorType: 'connection refused', pattern: /connection refused|econnrefused|no such host|dns|cannot connect|can'?t reach|timed? ?out/i,
    answer: 'The application cannot reach a dependency such as a database, cache or API: connection refused, no such host or timeouts. Check the Service name, DNS, ports, endpoints and network policies.' },
  { category: 'config-error', errorType: 'configuration error', pattern: /env(?:ironment)? var|config(?:uration)? (?:file|error)|invalid (?:flag|config)|not set/i,
    answer: 'The application starts but exits because its configuration is wrong or missing: an environment variable is not set or a config file is invalid. Fix the env, ConfigMap or flags.' },
  { category: 'app-crash', errorType: 'CrashLoopBackOff', pattern: /crashloop|back-?off restarting|crash|panic|exception|exit(?: code)? [12]\b|keeps restarting/i,
    answer: 'The application exits with an error of its own and the kubelet restarts it with back-off: CrashLoopBackOff. Read the previous container logs for the stack trace or panic and fix the application.' },
];

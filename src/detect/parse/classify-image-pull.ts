/**
 * Classifies an image pull failure from the kubelet/runtime message (containerd, CRI-O,
 * dockershim wording), e.g. `Failed to pull image "x": rpc error: code = NotFound desc =
 * failed to pull and unpack image "x": failed to resolve reference "x": x: not found`.
 * Order matters: auth and reachability are checked before "not found" because registries
 * answer a missing private repo with "denied" and proxies wrap DNS errors in other text.
 */

export type ImagePullCategory = 'image-not-found' | 'image-pull-auth' | 'registry-unreachable' | 'invalid-image-name';

export interface ImagePullClassification {
  category: ImagePullCategory;
  /** The decisive fragment of the message, for evidence. */
  signal: string;
  /** Set when the registry throttles anonymous or over-quota pulls rather than refusing credentials. */
  rateLimited?: boolean;
}

// Docker Hub, ECR Public, GCR/Artifact Registry and Quay throttle with HTTP 429; the fix is the
// same as for refused credentials (pull as an authenticated account, or through a mirror).
const RATE_LIMIT = /429 Too Many Requests|toomanyrequests[^\n]*|(?:reached your|exceeded the) pull rate limit|pull rate limit exceeded|rate exceeded|too many requests/i;

const RULES: [ImagePullCategory, RegExp][] = [
  ['invalid-image-name', /InvalidImageName|invalid reference format|couldn't parse image (?:reference|name)|repository name must be lowercase|invalid tag format/i],
  ['registry-unreachable', /x509: [^:]*|certificate signed by unknown authority|tls: failed to verify certificate|no such host|i\/o timeout|connection refused|network is unreachable|no route to host|TLS handshake timeout|context deadline exceeded|dial tcp[^:]*: (?:lookup|connect)[^:]*|server misbehaving|EOF$|connection reset by peer|http: server gave HTTP response to HTTPS client|503 Service Unavailable|502 Bad Gateway/i],
  ['image-pull-auth', /401 Unauthorized|403 Forbidden|unauthorized(?::| to access repository)?|authentication required|pull access denied|insufficient_scope|authorization failed|access denied|requested access to the resource is denied|denied: [^\n]*|failed to authorize|no basic auth credentials|failed to fetch (?:anonymous|oauth) token|invalid username\/password|unable to retrieve auth token|incorrect username or password|not authorized/i],
  ['image-not-found', /manifest unknown|manifest for [^ ]+ not found|: not found|not found: manifest unknown|name unknown|repository [^ ]+ not found|NotFound desc|is not present with pull policy of Never|ErrImageNeverPull|does not exist/i],
];

export function classifyImagePull(message: string): ImagePullClassification | undefined {
  const throttled = RATE_LIMIT.exec(message);
  if (throttled) return { category: 'image-pull-auth', signal: throttled[0].slice(0, 200), rateLimited: true };
  for (const [category, pattern] of RULES) {
    const match = pattern.exec(message);
    if (match) return { category, signal: match[0] };
  }
  return undefined;
}

/** The image reference quoted in `Failed to pull image "x": …` or `Back-off pulling image "x"`. */
export function imageInMessage(message: string): string | undefined {
  return /image "([^"]+)"/.exec(message)?.[1];
}

/**
 * The first message that says why the pull failed, in the order given (the container's waiting
 * message, then Failed events newest first). The kubelet follows a decisive `Failed to pull
 * image ...: not found` with generic `Back-off pulling image` lines, which must not hide it.
 */
export function classifyPullMessages(messages: readonly (string | null | undefined)[]): (ImagePullClassification & { message: string }) | undefined {
  for (const message of messages) {
    if (!message) continue;
    const classification = classifyImagePull(message);
    if (classification) return { ...classification, message };
  }
  return undefined;
}

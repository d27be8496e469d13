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
}

const RULES: [ImagePullCategory, RegExp][] = [
  ['invalid-image-name', /InvalidImageName|invalid reference format|couldn't parse image (?:reference|name)|repository name must be lowercase|invalid tag format/i],
  ['registry-unreachable', /x509: [^:]*|certificate signed by unknown authority|tls: failed to verify certificate|no such host|i\/o timeout|connection refused|network is unreachable|no route to host|TLS handshake timeout|context deadline exceeded|dial tcp[^:]*: (?:lookup|connect)[^:]*|server misbehaving|EOF$|connection reset by peer|http: server gave HTTP response to HTTPS client|503 Service Unavailable|502 Bad Gateway/i],
  ['image-pull-auth', /401 Unauthorized|403 Forbidden|unauthorized(?::| to access repository)?|authentication required|pull access denied|insufficient_scope|authorization failed|access denied|requested access to the resource is denied|denied: [^\n]*|failed to authorize|no basic auth credentials|failed to fetch (?:anonymous|oauth) token/i],
  ['image-not-found', /manifest unknown|manifest for [^ ]+ not found|: not found|not found: manifest unknown|name unknown|repository [^ ]+ not found|NotFound desc|is not present with pull policy of Never|ErrImageNeverPull|does not exist/i],
];

export function classifyImagePull(message: string): ImagePullClassification | undefined {
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

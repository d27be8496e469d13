import { describe, expect, it } from 'vitest';
import { classifyImagePull, classifyPullMessages, imageInMessage } from './classify-image-pull.js';

describe('classifyImagePull', () => {
  const cases: [string, string, string | undefined][] = [
    // containerd: tag does not exist
    ['tag not found', 'Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found', 'image-not-found'],
    // registry v2 API error
    ['manifest unknown', 'Failed to pull image "ghcr.io/acme/api:v2": rpc error: code = Unknown desc = failed to resolve reference "ghcr.io/acme/api:v2": ghcr.io/acme/api:v2: manifest unknown', 'image-not-found'],
    // docker hub answers a private or missing repo with "denied"
    ['pull access denied', 'Failed to pull image "acme/private:1": rpc error: code = Unknown desc = Error response from daemon: pull access denied for acme/private, repository does not exist or may require \'docker login\': denied: requested access to the resource is denied', 'image-pull-auth'],
    // token endpoint says 401
    ['401', 'Failed to pull image "registry.example.com/shop/web:1.5": rpc error: code = Unknown desc = failed to pull and unpack image "registry.example.com/shop/web:1.5": failed to resolve reference "registry.example.com/shop/web:1.5": failed to authorize: failed to fetch oauth token: unexpected status from POST request to https://registry.example.com/token: 401 Unauthorized', 'image-pull-auth'],
    // DNS failure while pulling
    ['no such host', 'Failed to pull image "regsitry.example.com/web:1": rpc error: code = Unknown desc = failed to resolve reference "regsitry.example.com/web:1": failed to do request: Head "https://regsitry.example.com/v2/web/manifests/1": dial tcp: lookup regsitry.example.com on 10.96.0.10:53: no such host', 'registry-unreachable'],
    ['i/o timeout', 'Failed to pull image "quay.io/acme/x:1": rpc error: code = Unknown desc = failed to do request: Head "https://quay.io/v2/acme/x/manifests/1": dial tcp 34.1.2.3:443: i/o timeout', 'registry-unreachable'],
    ['x509', 'Failed to pull image "harbor.local/app:1": rpc error: code = Unknown desc = failed to do request: Head "https://harbor.local/v2/app/manifests/1": tls: failed to verify certificate: x509: certificate signed by unknown authority', 'registry-unreachable'],
    // malformed reference
    ['invalid name', 'Failed to apply default image tag "Nginx:latest": couldn\'t parse image reference "Nginx:latest": invalid reference format: repository name must be lowercase', 'invalid-image-name'],
    // Docker Hub anonymous quota: the registry works, it throttles unauthenticated pulls
    ['docker hub 429', 'Failed to pull image "docker.io/library/redis:7.2": failed to pull and unpack image "docker.io/library/redis:7.2": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/redis/manifests/sha256:4e5d: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit', 'image-pull-auth'],
    // ECR Public throttling wording
    ['ecr public rate', 'Failed to pull image "public.ecr.aws/nginx/nginx:1.27": rpc error: code = Unknown desc = failed to pull and unpack image "public.ecr.aws/nginx/nginx:1.27": failed to resolve reference "public.ecr.aws/nginx/nginx:1.27": unexpected status from HEAD request to https://public.ecr.aws/v2/nginx/nginx/manifests/1.27: 429 Too Many Requests', 'image-pull-auth'],
    // CRI-O wording for a missing tag
    ['crio manifest unknown', 'Failed to pull image "docker.io/acme/worker:2.0.1": rpc error: code = Unknown desc = reading manifest 2.0.1 in docker.io/acme/worker: manifest unknown', 'image-not-found'],
    // CRI-O wording for a private CA
    ['crio x509', 'Failed to pull image "registry.corp.example:5000/team/api:3": rpc error: code = Unknown desc = initializing source docker://registry.corp.example:5000/team/api:3: pinging container registry registry.corp.example:5000: Get "https://registry.corp.example:5000/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority', 'registry-unreachable'],
    // CRI-O wording for refused credentials
    ['crio unauthorized', 'Failed to pull image "quay.io/acme/private:1.0": rpc error: code = Unknown desc = initializing source docker://quay.io/acme/private:1.0: reading manifest 1.0 in quay.io/acme/private: unauthorized: access to the requested resource is not authorized', 'image-pull-auth'],
    // pull policy Never and the image is not on the node
    ['never pull', 'Container image "acme/tool:dev" is not present with pull policy of Never', 'image-not-found'],
    // generic back-off text carries no reason at all
    ['back-off only', 'Back-off pulling image "nginx:1.99"', undefined],
  ];
  it.each(cases)('%s', (_name, message, expected) => {
    expect(classifyImagePull(message)?.category).toBe(expected);
  });

  it('extracts the image reference', () => {
    expect(imageInMessage('Back-off pulling image "nginx:1.99"')).toBe('nginx:1.99');
  });

  it('marks registry throttling as rate limited', () => {
    expect(classifyImagePull('unexpected status code 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit')?.rateLimited).toBe(true);
    expect(classifyImagePull('failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized')?.rateLimited).toBeUndefined();
  });

  it('prefers a decisive earlier Failed message over later generic back-off lines', () => {
    const found = classifyPullMessages([
      'Back-off pulling image "ghcr.io/acme/api:9.9.9"',
      'Error: ImagePullBackOff',
      'Failed to pull image "ghcr.io/acme/api:9.9.9": rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/api:9.9.9": failed to resolve reference "ghcr.io/acme/api:9.9.9": ghcr.io/acme/api:9.9.9: not found',
    ]);
    expect(found?.category).toBe('image-not-found');
    expect(found?.message).toMatch(/^Failed to pull image/);
  });

  it('returns nothing when no message says why', () => {
    expect(classifyPullMessages(['Back-off pulling image "x:1"', null, 'Error: ErrImagePull'])).toBeUndefined();
  });
});

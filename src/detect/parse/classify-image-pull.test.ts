import { describe, expect, it } from 'vitest';
import { classifyImagePull, imageInMessage } from './classify-image-pull.js';

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
    // generic back-off text carries no reason at all
    ['back-off only', 'Back-off pulling image "nginx:1.99"', undefined],
  ];
  it.each(cases)('%s', (_name, message, expected) => {
    expect(classifyImagePull(message)?.category).toBe(expected);
  });

  it('extracts the image reference', () => {
    expect(imageInMessage('Back-off pulling image "nginx:1.99"')).toBe('nginx:1.99');
  });
});

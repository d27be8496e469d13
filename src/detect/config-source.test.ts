import { describe, expect, it } from 'vitest';
import { makeContainer, makePod } from '../../test/helpers/builders.js';
import { configSources, filePathIn } from './config-source.js';

const pod = makePod({
  containers: [makeContainer({ name: 'nginx', volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d' }, { name: 'tls', mountPath: '/etc/nginx/tls' }, { name: 'cache', mountPath: '/var/cache/nginx' }] })],
  spec: {
    containers: [makeContainer({ name: 'nginx', volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d' }, { name: 'tls', mountPath: '/etc/nginx/tls' }, { name: 'cache', mountPath: '/var/cache/nginx' }] })],
    volumes: [
      { name: 'conf', configMap: { name: 'wordpress-nginx' } },
      { name: 'tls', secret: { secretName: 'wordpress-tls' } },
      { name: 'cache', emptyDir: {} },
    ],
  },
});

describe('configSources', () => {
  it('finds the ConfigMap that holds a file named in an error', () => {
    expect(configSources(pod, 'nginx', '/etc/nginx/conf.d/wordpress.conf')).toEqual([{ kind: 'ConfigMap', name: 'wordpress-nginx', volume: 'conf', mountPath: '/etc/nginx/conf.d' }]);
  });

  it('lists every ConfigMap and Secret mounted when no file is named, and none for a path outside them', () => {
    expect(configSources(pod, 'nginx').map((s) => `${s.kind}/${s.name}`)).toEqual(['ConfigMap/wordpress-nginx', 'Secret/wordpress-tls']);
    // /etc/nginx/conf.d.bak is a sibling directory, not inside the mount.
    expect(configSources(pod, 'nginx', '/etc/nginx/conf.d.bak/x.conf')).toEqual([]);
  });
});

describe('filePathIn', () => {
  it.each([
    ['nginx: [emerg] unknown directive "fastcgi_passs" in /etc/nginx/conf.d/wordpress.conf:7', '/etc/nginx/conf.d/wordpress.conf'],
    ["FileNotFoundError: [Errno 2] No such file or directory: '/app/config/settings.yaml'", '/app/config/settings.yaml'],
    ['yaml.scanner.ScannerError: mapping values are not allowed here', undefined],
    // A URL path is not a file on disk.
    ['GET https://api.example.com/v1/items.json returned 500', undefined],
  ])('%s', (line, path) => {
    expect(filePathIn(line)).toBe(path);
  });
});

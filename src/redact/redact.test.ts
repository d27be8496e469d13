import { describe, expect, it } from 'vitest';
import { redact, redactWithCount } from './redact.js';

describe('redact', () => {
  const secretCases: [string, string, string][] = [
    // env-style assignment printed at startup
    ['env assignment', 'DB_PASSWORD=hunter2 starting', 'DB_PASSWORD=[REDACTED] starting'],
    // JSON config dumped into a log line
    ['json field', '{"user":"app","password":"s3cr3t!"}', '{"user":"app","password":"[REDACTED]"}'],
    // YAML-ish upper-case key
    ['yaml key', 'PASSWORD: correct-horse', 'PASSWORD: [REDACTED]'],
    // query string token
    ['query token', 'GET /cb?token=abc123def&x=1', 'GET /cb?token=[REDACTED]&x=1'],
    // api key header-like
    ['api key', 'api_key: 9f8e7d6c5b4a', 'api_key: [REDACTED]'],
    // bearer header
    ['bearer', 'Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [REDACTED]'],
    // connection string keeps user and host
    ['postgres url', 'dial postgres://app:pa55w0rd@db.shop.svc:5432/orders', 'dial postgres://app:***@db.shop.svc:5432/orders'],
    ['mongodb url', 'mongodb+srv://root:toor@cluster0.example.net/db', 'mongodb+srv://root:***@cluster0.example.net/db'],
    ['redis url', 'redis://default:xyz@redis:6379', 'redis://default:***@redis:6379'],
    // password-only URLs (no user before the colon)
    ['redis password-only url', 'connecting to redis://:cachepass@redis.shop.svc:6379/0', 'connecting to redis://:***@redis.shop.svc:6379/0'],
    ['amqp password-only url', 'amqp://:rabbit-pw@mq:5672/', 'amqp://:***@mq:5672/'],
    // cookies: the whole header value, request and response, header-style and JSON
    ['cookie header', 'GET /cart Cookie: session=8f2a9c; csrftoken=77aa', 'GET /cart Cookie: [REDACTED]'],
    ['set-cookie header', 'Set-Cookie: sid=s%3Aabc.def; Path=/; HttpOnly', 'Set-Cookie: [REDACTED]'],
    ['json cookie field', '{"method":"GET","cookie":"sid=abc123; theme=dark"}', '{"method":"GET","cookie":"[REDACTED]"}'],
    // api-key headers
    ['x-api-key header', 'upstream call x-api-key: 3c9f0e8d7b6a', 'upstream call x-api-key: [REDACTED]'],
    ['azure subscription key header', 'Ocp-Apim-Subscription-Key: 0123abcd4567ef', 'Ocp-Apim-Subscription-Key: [REDACTED]'],
    // OpenAI-style key printed in an error
    ['sk key', 'invalid key sk-proj-AbCdEfGhIjKlMnOpQrStUvWx', 'invalid key [REDACTED]'],
    ['github token', 'using ghp_0123456789abcdefghijABCDEFGHIJ012345', 'using [REDACTED]'],
    ['slack token', 'slack xoxb-12345-67890-abcdefghij', 'slack [REDACTED]'],
    ['aws access key id', 'key AKIAIOSFODNN7EXAMPLE used', 'key [REDACTED] used'],
  ];
  it.each(secretCases)('redacts %s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('redacts AWS secret access keys next to their key name', () => {
    const out = redact('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(out).not.toContain('wJalrXUtnFEMI');
    expect(out).toContain('aws_secret_access_key');
  });

  it('redacts JWTs anywhere in a line', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(redact(`rejected ${jwt} (expired)`)).toBe('rejected [REDACTED] (expired)');
  });

  it('redacts a multi-line PEM private key', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----';
    const out = redact(`loaded key\n${pem}\nok`);
    expect(out).not.toContain('MIIEowIBAAKCAQEA');
    expect(out).toContain('BEGIN RSA PRIVATE KEY');
    expect(out.endsWith('\nok')).toBe(true);
  });

  const cleanLines: [string, string][] = [
    // prose about passwords, no value
    ['password reset', 'password reset email sent to user 42'],
    // postgres auth error names the user, not the password
    ['pg auth failure', 'FATAL: password authentication failed for user "app"'],
    // counts that contain "token" as a word part
    ['token counts', 'max_tokens=4096 tokens_used=12'],
    // a Secret's name is not its value
    ['secret name', 'secretName: db-creds'],
    // plain URL with port and path, no credentials
    ['url', 'GET https://api.example.com:8443/v1/items?page=2'],
    // kubelet message mentioning a secret
    ['kubelet', 'Error: secret "db-creds" not found'],
    // test output with "passed"
    ['passed', 'tests passed: 42, failed: 0'],
    // a URL with a port and no credentials is not a password-only URL
    ['url with port', 'proxying to http://backend:8080/api and https://[::1]:443/'],
    // prose about cookies without a header value
    ['cookie prose', 'cookie consent banner shown'],
    // containerd's pull error: the word after "token:" describes the failure, it is not a token
    ['registry token error', 'failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://acme.azurecr.io/oauth2/token: 401 Unauthorized'],
  ];
  it.each(cleanLines)('leaves %s untouched', (_name, line) => {
    expect(redactWithCount(line)).toEqual({ text: line, count: 0 });
  });

  it('is deterministic and counts replacements', () => {
    const input = 'password=a token=b postgres://u:p@h/db';
    const first = redactWithCount(input);
    expect(first.count).toBe(3);
    expect(redact(input)).toBe(first.text);
    expect(redact(first.text)).toBe(first.text);
  });
});

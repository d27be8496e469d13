import { describe, expect, it } from 'vitest';
import { findLogSignature } from './log-signatures.js';

const noise = (n: number) => Array.from({ length: n }, (_, i) => `2026-11-20T09:58:${String(i % 60).padStart(2, '0')}Z INFO GET /api/items/${i} 200 3ms`).join('\n');

describe('findLogSignature', () => {
  it('takes the LAST Caused by of a Java chain', () => {
    const log = [
      '2026-11-20 09:59:01.123 ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed',
      'org.springframework.beans.factory.BeanCreationException: Error creating bean with name \'dataSource\'',
      '\tat org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1804)',
      'Caused by: org.hibernate.exception.JDBCConnectionException: Unable to open JDBC Connection',
      '\t... 42 more',
      'Caused by: java.net.ConnectException: Connection refused (Connection refused)',
      '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
    ].join('\n');
    const sig = findLogSignature(log);
    expect(sig?.category).toBe('missing-dependency');
    expect(sig?.line).toBe('Caused by: java.net.ConnectException: Connection refused (Connection refused)');
  });

  it('takes the final line of a Python traceback', () => {
    const log = [
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 4, in <module>',
      '    DB_URL = os.environ["DATABASE_URL"]',
      '  File "/usr/local/lib/python3.12/os.py", line 714, in __getitem__',
      '    raise KeyError(key) from None',
      "KeyError: 'DATABASE_URL'",
    ].join('\n');
    const sig = findLogSignature(log);
    expect(sig).toMatchObject({ category: 'config-error', line: "KeyError: 'DATABASE_URL'", configKey: 'DATABASE_URL' });
  });

  it('classifies a Go panic by its message, with the dependency host', () => {
    const log = `${noise(50)}\npanic: failed to connect to redis: dial tcp 10.96.12.7:6379: connect: connection refused\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:42 +0x1d4`;
    expect(findLogSignature(log)).toMatchObject({ category: 'missing-dependency', dependency: '10.96.12.7:6379', kind: 'exception' });
  });

  it('finds a Node uncaught error buried after thousands of noisy lines', () => {
    const log = `${noise(5000)}\nnode:internal/process/promises:289\n            triggerUncaughtException(err, true /* fromPromise */);\n            ^\n\nError: getaddrinfo ENOTFOUND payments-api.shop.svc.cluster.local\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26) {\n  errno: -3008,\n  code: 'ENOTFOUND',\n}`;
    expect(findLogSignature(log)).toMatchObject({ category: 'missing-dependency', dependency: 'payments-api.shop.svc.cluster.local' });
  });

  it('reports a plain panic as an application crash', () => {
    const log = 'starting server on :8080\npanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4b0f3a]';
    expect(findLogSignature(log)).toMatchObject({ category: 'app-crash', line: 'panic: runtime error: invalid memory address or nil pointer dereference' });
  });

  it('prefers the later fatal panic over earlier connection-refused retry noise', () => {
    // retries that later succeeded must not be blamed for a crash that came after
    const log = 'WARN redis: dial tcp 10.0.0.9:6379: connect: connection refused, retrying\nINFO connected to redis\npanic: assignment to entry in nil map';
    expect(findLogSignature(log)?.category).toBe('app-crash');
  });

  it('detects command errors', () => {
    expect(findLogSignature('exec /usr/local/bin/server: exec format error')?.category).toBe('command-error');
    expect(findLogSignature('/bin/sh: 1: gunicornn: not found')?.category).toBe('command-error');
  });

  it('detects missing env/config messages', () => {
    expect(findLogSignature('2026/11/20 09:59:59 FATAL: environment variable STRIPE_API_KEY is not set')).toMatchObject({ category: 'config-error', configKey: 'STRIPE_API_KEY' });
    expect(findLogSignature('Error: open /etc/app/config.yaml: no such file or directory')?.category).toBe('config-error');
  });

  it('keeps the host named earlier in a Java chain when the root cause lacks it', () => {
    const log = 'Caused by: org.postgresql.util.PSQLException: Connection to orders-db:5432 refused.\n\tat org.postgresql.Driver.connect(Driver.java:297)\nCaused by: java.net.ConnectException: Connection refused';
    expect(findLogSignature(log)).toMatchObject({ category: 'missing-dependency', dependency: 'orders-db:5432', line: 'Caused by: java.net.ConnectException: Connection refused' });
  });

  it('reads a Ruby-style trailing exception class on an error line', () => {
    const log = `${noise(300)}\n2026-07-09T08:25:48.550Z pid=1 ERROR: class=InvoiceSyncJob failed: undefined method 'fetch' for nil (NoMethodError)\n${noise(20)}`;
    expect(findLogSignature(log)).toMatchObject({ category: 'app-crash', line: expect.stringContaining('NoMethodError') });
  });

  it('reads the shell exec form of command not found', () => {
    expect(findLogSignature('/bin/sh: 1: exec: gunicorn: not found')?.category).toBe('command-error');
  });

  const clean: [string, string][] = [
    // an INFO line naming an exception class in parentheses is not an error
    ['info with class name', 'INFO retry policy handles (TimeoutError) with backoff'],
    // healthy request logs
    ['access log', noise(100)],
    // prose mentioning errors without a signature
    ['zero errors', 'INFO processed 120 jobs, 0 errors'],
    // a password reset message is not a permission problem
    ['password reset', 'INFO password reset email sent to user 42'],
  ];
  it.each(clean)('finds nothing in %s', (_name, log) => {
    expect(findLogSignature(log)).toBeUndefined();
  });
  it('reads a Rust panic whose message is on the line after the location', () => {
    // Rust >= 1.73 format: the location line ends with ':' and the message follows.
    const log = "INFO starting\n\nthread 'main' panicked at src/settings.rs:88:10:\nDATABASE_DSN must be set: NotPresent\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
    const found = findLogSignature(log);
    expect(found?.category).toBe('config-error');
    expect(found?.line).toContain('DATABASE_DSN must be set');
  });

  it('reads a .NET unhandled exception and never takes a stack frame as the cause', () => {
    // The frames mention DependencyInjection and ServiceLookup: names of code, not a network failure.
    const log = [
      "Unhandled exception. System.InvalidOperationException: Unable to resolve service for type 'Acme.IClock' while attempting to activate 'Acme.Billing'.",
      '   at Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteFactory.CreateArgumentCallSites(Type serviceType, Boolean throwIfCallSiteNotFound)',
      '   at Microsoft.Extensions.Hosting.HostApplicationBuilder.Build()',
    ].join('\n');
    const found = findLogSignature(log);
    expect(found?.category).toBe('app-crash');
    expect(found?.line).toContain('System.InvalidOperationException');
  });

  it('does not mistake a PHP fatal error with a connection failure for an app bug', () => {
    const log = "PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in /var/www/app/Db.php:12";
    expect(findLogSignature(log)?.category).toBe('missing-dependency');
  });
  it('reads a missing configuration section as a configuration error, not an app bug', () => {
    // .NET options binding: the exception type is generic, the message names the missing section.
    const log = "Unhandled exception. System.InvalidOperationException: Section 'Payments' not found in configuration.\n   at Microsoft.Extensions.Configuration.ConfigurationExtensions.GetRequiredSection(IConfiguration configuration, String key)";
    expect(findLogSignature(log)?.category).toBe('config-error');
    // The same exception type with an unrelated message stays an application crash.
    expect(findLogSignature("Unhandled exception. System.InvalidOperationException: Sequence contains no elements.")?.category).toBe('app-crash');
  });
  it('reads an Elixir exception and skips its frames', () => {
    const log = [
      '12:00:01.893 [error] GenServer Billing.Worker terminating',
      '** (ArithmeticError) bad argument in arithmetic expression',
      '    (billing 1.4.0) lib/billing/worker.ex:22: Billing.Worker.handle_info/2',
      '    (stdlib 6.1.2) gen_server.erl:2345: :gen_server.try_handle_info/3',
      'Last message: :tick',
    ].join('\n');
    expect(findLogSignature(log)).toMatchObject({ category: 'app-crash', line: '** (ArithmeticError) bad argument in arithmetic expression' });
  });

  it('keeps the decisive part of a very long line', () => {
    // A driver wraps the refused connection 500 characters into one line.
    const line = `com.example.driver.AllNodesFailedException: Could not reach any contact point ${'x'.repeat(500)} (AnnotatedConnectException: Connection refused: cassandra.data.svc.cluster.local/10.0.0.4:9042)`;
    const found = findLogSignature(line);
    expect(found?.category).toBe('missing-dependency');
    expect(found?.line).toContain('Connection refused: cassandra.data.svc.cluster.local');
    expect(found?.line.length).toBeLessThan(450);
  });
});

import { describe, expect, it } from 'vitest';
import { findLogSignature } from './log-signatures.js';

const block = (description: string, action: string) =>
  `2026-11-20T09:58:01Z ERROR 1 --- [main] o.s.b.d.LoggingFailureAnalysisReporter :\n\n***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\n${description}\n\nAction:\n\n${action}\n`;

describe('Spring Boot failure analysis', () => {
  it('reads a property binding failure as a config error naming the env var', () => {
    const log = block(
      "Failed to bind properties under 'orders.retry.backoff' to java.time.Duration:\n\n    Property: orders.retry.backoff\n    Value: \"5 mins\"\n    Origin: System Environment Property \"ORDERS_RETRY_BACKOFF\"\n    Reason: failed to convert java.lang.String to java.time.Duration",
      "Update your application's configuration",
    );
    expect(findLogSignature(log)).toMatchObject({ category: 'config-error', configKey: 'ORDERS_RETRY_BACKOFF' });
    expect(findLogSignature(log)?.line).toContain("Failed to bind properties under 'orders.retry.backoff'");
  });

  it('reads a missing DataSource url as a config error', () => {
    const log = block("Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.\n\nReason: Failed to determine a suitable driver class", 'Consider the following:\n\tIf you want an embedded database (H2, HSQL or Derby), please put it on the classpath.');
    expect(findLogSignature(log)?.category).toBe('config-error');
  });

  it('keeps a missing bean (a code/wiring bug) an application crash', () => {
    const log = block("Parameter 0 of constructor in com.acme.OrderService required a bean of type 'com.acme.Clock' that could not be found.", "Consider defining a bean of type 'com.acme.Clock' in your configuration.");
    // The Action mentions "configuration" for bean definitions too; that is code wiring, not settings.
    expect(findLogSignature(log)).toMatchObject({ category: 'app-crash' });
    expect(findLogSignature(log)?.line).toContain('required a bean');
  });
});

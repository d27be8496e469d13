import type { LogSignature } from './log-signatures.js';

/**
 * Spring Boot prints its own diagnosis when startup fails:
 *
 *   APPLICATION FAILED TO START
 *   Description:
 *   Failed to bind properties under 'payments.client.timeout' to java.time.Duration:
 *       Origin: System Environment Property "PAYMENTS_CLIENT_TIMEOUT"
 *       Reason: ... '30 secs' is not a valid duration
 *   Action:
 *   Update your application's configuration
 *
 * That block is more precise than any stack trace above it, so it is read as the signature.
 */
const CONFIG_DESCRIPTION = /Failed to bind properties|Failed to configure a DataSource|could not be resolved|Invalid value|property|placeholder|is not a valid|Binding to target/i;
const CONFIG_ACTION = /configuration|propert(?:y|ies)|environment|profile/i;

export function springFailureAnalysis(lines: readonly string[]): LogSignature | undefined {
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.trim() === 'APPLICATION FAILED TO START') {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  const rest = lines.slice(start + 1).map((l) => l.trim());
  const descriptionAt = rest.indexOf('Description:');
  const actionAt = rest.indexOf('Action:');
  if (descriptionAt < 0) return undefined;
  const description = rest.slice(descriptionAt + 1, actionAt > descriptionAt ? actionAt : undefined).filter((l) => l.length > 0 && !/^\*+$/.test(l));
  const action = actionAt >= 0 ? rest.slice(actionAt + 1).filter((l) => l.length > 0).slice(0, 3).join(' ') : '';
  const headline = description[0];
  if (!headline) return undefined;
  const reason = description.find((l) => l.startsWith('Reason:'));
  const envKey = /Origin: System Environment Property "([^"]+)"/.exec(description.join('\n'))?.[1];
  // "Consider defining a bean ... in your configuration" is about code wiring, not settings.
  const wiring = /required a bean|bean of type|circular/i.test(`${headline} ${action}`);
  const isConfig = !wiring && (CONFIG_DESCRIPTION.test(headline) || CONFIG_ACTION.test(action));
  const line = [headline.replace(/:$/, ''), reason].filter(Boolean).join(' — ').slice(0, 400);
  return {
    category: isConfig ? 'config-error' : 'app-crash',
    line,
    index: start + 1 + descriptionAt + 1,
    kind: 'exception',
    ...(envKey && isConfig ? { configKey: envKey } : {}),
  };
}

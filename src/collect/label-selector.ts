import type { LabelSelector } from '../domain/k8s-objects.js';

/** A LabelSelector in the `labelSelector=` query syntax; undefined when it cannot be expressed (so: list and filter locally). */
export function selectorToQuery(selector: LabelSelector | undefined): string | undefined {
  if (!selector) return undefined;
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    switch (expression.operator) {
      case 'In': parts.push(`${expression.key} in (${values})`); break;
      case 'NotIn': parts.push(`${expression.key} notin (${values})`); break;
      case 'Exists': parts.push(expression.key); break;
      case 'DoesNotExist': parts.push(`!${expression.key}`); break;
      default: return undefined;
    }
  }
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** Whether labels satisfy a selector. An empty selector matches nothing, as for Services and workloads. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  if (!matchLabels.every(([key, value]) => have[key] === value)) return false;
  return expressions.every((expression) => {
    const value = have[expression.key];
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In': return value !== undefined && values.includes(value);
      case 'NotIn': return value === undefined || !values.includes(value);
      case 'Exists': return value !== undefined;
      case 'DoesNotExist': return value === undefined;
      default: return false;
    }
  });
}

/** A Service's plain map selector matches a pod when every pair is among the pod's labels. */
export function serviceSelects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return selectorMatches(selector ? { matchLabels: selector } : undefined, labels);
}

import type { Target } from '../domain/snapshot.js';

export function describeTarget(target: Target): string {
  return `${target.kind} ${target.namespace}/${target.name}`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

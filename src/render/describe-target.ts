import type { Target } from '../domain/snapshot.js';

export function describeTarget(target: Target): string {
  return `${target.kind} ${target.namespace}/${target.name}`;
}

/** `shop/deployment/web`: one token per target, for list rows. */
export function targetPath(target: Target): string {
  return `${target.namespace}/${target.kind.toLowerCase()}/${target.name}`;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

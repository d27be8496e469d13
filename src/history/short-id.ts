import { randomBytes } from 'node:crypto';

// No 0/o, 1/l/i: ids are read off a terminal and typed back into `k8sdiag feedback`.
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** 8 characters from a 31-letter alphabet: ~8.5e11 ids, collisions are retried by the store. */
export function shortId(length = 8, bytes: Uint8Array = randomBytes(length)): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += ALPHABET[(bytes[i] ?? 0) % ALPHABET.length];
  return id;
}

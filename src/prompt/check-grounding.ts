import type { Evidence } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';

export interface GroundingResult {
  grounded: Evidence[];
  /** Quotes that appear nowhere in the snapshot: dropped from the answer, reported in notes. */
  ungrounded: Evidence[];
  /** grounded / all; 1 when the answer quoted nothing. */
  rate: number;
}

const REDACTION_MARKS = /\[REDACTED\]|\*\*\*|<secret-\d+>/g;

function normalize(text: string): string {
  return text.toLowerCase().replace(/[“”"'`]/g, '').replace(/\s+/g, ' ').trim();
}

function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9.]+/).map((t) => t.replace(/^\.+|\.+$/g, '')).filter((t) => t.length >= 2);
}

function flatten(value: unknown, out: string[], key = ''): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'object') {
    if (Array.isArray(value)) value.forEach((v) => flatten(v, out, key));
    else for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, out, key ? `${key}.${k}` : k);
    return;
  }
  out.push(key ? `${key}: ${String(value)}` : String(value));
}

/** Pieces of the snapshot a quote may come from: one event, one log line, one status block, one object. */
function groundingUnits(snapshot: Snapshot): string[] {
  const units: string[] = [];
  for (const event of snapshot.events) {
    units.push([event.type, event.reason, event.message, event.involvedObject.kind, event.involvedObject.name, event.involvedObject.fieldPath].filter(Boolean).join(' '));
  }
  for (const log of snapshot.logs) {
    const lines = log.text.split('\n');
    lines.forEach((line, i) => units.push(`${line}\n${lines[i + 1] ?? ''}`));
  }
  for (const object of snapshot.objects) {
    const status = (object as { status?: Record<string, unknown> }).status;
    const blocks = [...((status?.containerStatuses as unknown[]) ?? []), ...((status?.initContainerStatuses as unknown[]) ?? []), ...((status?.conditions as unknown[]) ?? [])];
    for (const block of blocks) {
      const parts: string[] = [];
      flatten(block, parts);
      units.push(parts.join(' '));
    }
    const whole: string[] = [`${object.kind} ${object.metadata.name}`];
    flatten(object, whole);
    units.push(whole.join(' '));
  }
  return units;
}

function isGrounded(quote: string, units: readonly string[], normalizedUnits: readonly string[], unitTokens: readonly Set<string>[]): boolean {
  const pieces = normalize(quote).split(REDACTION_MARKS).map((p) => p.trim()).filter((p) => p.length > 0);
  if (pieces.length === 0) return false;
  if (normalizedUnits.some((unit) => pieces.every((p) => unit.includes(p)))) return true;
  // kubectl-describe style quotes ("Reason: OOMKilled, Exit Code: 137") reword the JSON; accept them
  // when nearly every word and number of the quote is in one unit.
  const wanted = [...new Set(tokens(quote.replace(REDACTION_MARKS, ' ')))];
  if (wanted.length < 2) return false;
  return unitTokens.some((set) => wanted.filter((t) => set.has(t)).length / wanted.length >= 0.85) && units.length > 0;
}

/**
 * Verifies each evidence quote against the snapshot the model was shown. `known` are the rules'
 * own evidence texts (some are summaries, not quotes); a model repeating them is grounded.
 */
export function checkGrounding(evidence: readonly Evidence[], snapshot: Snapshot, known: readonly string[] = []): GroundingResult {
  const knownTexts = new Set(known.map(normalize));
  const units = groundingUnits(snapshot);
  const normalizedUnits = units.map(normalize);
  // Object keys count as words too (`lastState.terminated.exitCode` grounds "Last State ... Exit Code").
  const unitTokens = units.map((u) => new Set([...tokens(u), ...tokens(u.replace(/\./g, ' ')), ...tokens(u.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\./g, ' '))]));
  const grounded: Evidence[] = [];
  const ungrounded: Evidence[] = [];
  for (const item of evidence) (knownTexts.has(normalize(item.text)) || isGrounded(item.text, units, normalizedUnits, unitTokens) ? grounded : ungrounded).push(item);
  return { grounded, ungrounded, rate: evidence.length === 0 ? 1 : grounded.length / evidence.length };
}

import type { Cause, Pattern, Signature } from './pattern-schema.js';

/** A signature with its regex built once at load. `contains` is compiled to an escaped regex. */
export interface CompiledSignature extends Signature {
  readonly test: RegExp;
  /** Named capture groups, usable as placeholders in the cause's text. */
  readonly groups: readonly string[];
}

export interface CompiledCause extends Omit<Cause, 'signatures' | 'unless'> {
  readonly signatures: readonly CompiledSignature[];
  readonly unless: readonly CompiledSignature[];
}

export interface CompiledPattern extends Omit<Pattern, 'causes'> {
  readonly causes: readonly CompiledCause[];
  readonly logTriggers: readonly RegExp[];
  /** The file it came from, for error messages and `patterns list`. */
  readonly file: string;
}

export interface PatternLibrary {
  readonly dir: string;
  readonly patterns: readonly CompiledPattern[];
}

export function findPattern(library: PatternLibrary, id: string): CompiledPattern | undefined {
  return library.patterns.find((p) => p.id === id);
}

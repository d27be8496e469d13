/** Typed errors: a code, a cause, and the action the user should take in the message. Only cli/ maps them to exit codes. */

/** The first line of a thrown value's message: SDK and parser errors append stacks and dumps after it. */
export function firstLineOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

export type ErrorCode =
  | 'usage'
  | 'bad-input'
  | 'config'
  | 'cluster-unreachable'
  | 'not-found'
  | 'provider'
  | 'index-missing'
  | 'internal';

export class K8sdiagError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad flags, arguments or files the user gave. Exit 2. */
export class UsageError extends K8sdiagError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}

/** A file that does not match its schema. The message names the file and the field. Exit 2. */
export class InputError extends K8sdiagError {
  readonly file: string | undefined;
  constructor(message: string, file?: string, options?: { cause?: unknown }) {
    super('bad-input', message, options);
    this.file = file;
  }
}

export class ConfigError extends K8sdiagError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', message, options);
  }
}

/** The API server cannot be reached or refuses us entirely. Exit 3. */
export class ClusterAccessError extends K8sdiagError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('cluster-unreachable', message, options);
  }
}

/** The target does not exist. Exit 3. */
export class TargetNotFoundError extends K8sdiagError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not-found', message, options);
  }
}

export class ProviderError extends K8sdiagError {
  readonly provider: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  constructor(provider: string, message: string, statusCode?: number, options?: { cause?: unknown }) {
    super('provider', message, options);
    this.provider = provider;
    this.statusCode = statusCode;
    this.isRetryable = statusCode === undefined ? false : [408, 409, 429].includes(statusCode) || statusCode >= 500;
  }
}

export class IndexMissingError extends K8sdiagError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('index-missing', message, options);
  }
}

export class InternalError extends K8sdiagError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('internal', message, options);
  }
}

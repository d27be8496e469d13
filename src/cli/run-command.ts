import { AsyncLocalStorage } from 'node:async_hooks';
import { loadGlobalOptions, type RawGlobalFlags } from '../config/global-options.js';
import { UsageError } from '../domain/errors.js';
import type { CommandIo, CommandRun } from './command-context.js';

/**
 * The Ctrl-C signal of the running invocation. main.ts runs the program inside it, so every
 * command's io carries the signal without threading it through each command registration.
 */
export const cancelScope = new AsyncLocalStorage<AbortSignal>();

/**
 * `k8sdiag scan -A | head` closes stdout early. Like other Unix tools we then stop writing quietly
 * instead of dying with an unhandled EPIPE stack trace; the exit code stays the command's own.
 */
export function quietOnClosedPipe(stream: NodeJS.WritableStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw error;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

let stdoutWriter: ((text: string) => void) | undefined;
let stderrWriter: ((text: string) => void) | undefined;

export function processIo(): CommandIo {
  const signal = cancelScope.getStore();
  // One listener per stream for the whole process, however many commands ask for an io.
  stdoutWriter ??= quietOnClosedPipe(process.stdout);
  stderrWriter ??= quietOnClosedPipe(process.stderr);
  const out = stdoutWriter;
  const err = stderrWriter;
  return {
    out: (text) => out(text),
    err: (text) => err(text),
    stderrIsTty: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    ...(signal ? { signal } : {}),
  };
}

/** Validates the global flags, lazy-loads the command module, runs it, and records its exit code. */
export async function runCommand<Args>(
  load: () => Promise<{ run: CommandRun<Args> }>,
  args: Args,
  flags: RawGlobalFlags,
  io: CommandIo = processIo(),
): Promise<void> {
  const { config, errors, warnings } = loadGlobalOptions(flags, io.env, Boolean(process.stdout.isTTY));
  if (errors.length > 0) throw new UsageError(errors.join('; '));
  for (const warning of warnings) io.err(`warning: ${warning}\n`);
  const module = await load();
  process.exitCode = await module.run(args, config, io);
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { loadGlobalOptions, type RawGlobalFlags } from '../config/global-options.js';
import { UsageError } from '../domain/errors.js';
import type { CommandIo, CommandRun } from './command-context.js';

/**
 * The Ctrl-C signal of the running invocation. main.ts runs the program inside it, so every
 * command's io carries the signal without threading it through each command registration.
 */
export const cancelScope = new AsyncLocalStorage<AbortSignal>();

export function processIo(): CommandIo {
  const signal = cancelScope.getStore();
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
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

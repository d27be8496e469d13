import type { GlobalOptions } from '../config/global-options.js';

export type { FailOn, GlobalOptions, OutputFormat } from '../config/global-options.js';

/** Where a command writes. Only cli/main.ts touches process.stdout/stderr and the exit code. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress lines go there only then. */
  stderrIsTty: boolean;
  /** Environment as given to the process; only config/ and cli/ read it. */
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on the first Ctrl-C (cli/main.ts); long calls (LLM, HTTP) stop when it fires. */
  signal?: AbortSignal;
}

/** Exit codes, documented in README and --help. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  cluster: 3,
} as const;

/**
 * Every command module exports one `run(args, globals, io)` returning its exit code.
 * program.ts lazy-imports the module so heavy dependencies never load for --help.
 */
export type CommandRun<Args> = (args: Args, globals: GlobalOptions, io: CommandIo) => Promise<number>;

import type { CommandIo, GlobalOptions } from '../../src/cli/command-context.js';

export interface CapturedIo extends CommandIo {
  stdout(): string;
  stderr(): string;
}

export function captureIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()): CapturedIo {
  let out = '';
  let err = '';
  return {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    stderrIsTty: false,
    env,
    cwd,
    stdout: () => out,
    stderr: () => err,
  };
}

export function globalsFor(overrides: Partial<GlobalOptions> = {}): GlobalOptions {
  return { output: 'text', color: false, verbose: false, failOn: 'critical', timeoutMs: 30_000, llm: 'none', ...overrides };
}

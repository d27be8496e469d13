import { z } from 'zod';

export const OUTPUT_FORMATS = ['text', 'json', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const FAIL_ON = ['critical', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Options every command receives, already validated. */
export interface GlobalOptions {
  output: OutputFormat;
  color: boolean;
  verbose: boolean;
  failOn: FailOn;
  timeoutMs: number;
  kubeconfig?: string;
  context?: string;
  /** `none` (default), `auto`, or a provider name. */
  llm: string;
}

export interface RawGlobalFlags {
  output?: string;
  color?: boolean;
  verbose?: boolean;
  failOn?: string;
  timeout?: string;
  kubeconfig?: string;
  context?: string;
  llm?: string;
}

export interface LoadResult<T> {
  config: T;
  warnings: string[];
  errors: string[];
}

const flagsSchema = z.object({
  output: z.enum(OUTPUT_FORMATS, { error: (issue) => `--output must be one of ${OUTPUT_FORMATS.join(', ')} (got "${String(issue.input)}")` }),
  failOn: z.enum(FAIL_ON, { error: (issue) => `--fail-on must be one of ${FAIL_ON.join(', ')} (got "${String(issue.input)}")` }),
});

/**
 * Precedence: flag > environment > default. Returns errors instead of throwing so the
 * CLI can print them all as one-line messages with exit code 2.
 */
export function loadGlobalOptions(flags: RawGlobalFlags, env: NodeJS.ProcessEnv, stdoutIsTty: boolean): LoadResult<GlobalOptions> {
  const warnings: string[] = [];
  const errors: string[] = [];
  const parsed = flagsSchema.safeParse({
    output: flags.output ?? env.K8SDIAG_OUTPUT ?? 'text',
    failOn: flags.failOn ?? env.K8SDIAG_FAIL_ON ?? 'critical',
  });
  if (!parsed.success) errors.push(...parsed.error.issues.map((issue) => issue.message));

  const timeoutText = flags.timeout ?? env.K8SDIAG_TIMEOUT ?? '30';
  const timeoutSeconds = Number(timeoutText.replace(/s$/, ''));
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) errors.push(`--timeout must be a positive number of seconds (got "${timeoutText}")`);

  // NO_COLOR (https://no-color.org) and non-TTY output both turn colour off; --no-color always wins.
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const color = flags.color !== false && !noColorEnv && stdoutIsTty && env.TERM !== 'dumb';

  const config: GlobalOptions = {
    output: parsed.success ? parsed.data.output : 'text',
    failOn: parsed.success ? parsed.data.failOn : 'critical',
    color,
    verbose: flags.verbose ?? false,
    timeoutMs: Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : 30_000,
    llm: flags.llm ?? env.K8SDIAG_LLM ?? 'none',
    ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context ? { context: flags.context } : {}),
  };
  return { config, warnings, errors };
}

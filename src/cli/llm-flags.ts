import { Option, type Command } from 'commander';
import { loadLlmConfig, readDotenv, type LlmConfig, type LlmFlags } from '../config/llm-config.js';
import { UsageError } from '../domain/errors.js';
import type { DiagnoseDeps, DiagnoseResult } from '../pipeline/diagnose.js';
import type { CommandIo, GlobalOptions } from './command-context.js';

/** LLM flags for every command that can explain a diagnosis or answer a question. */
export function addLlmFlags(command: Command): Command {
  return command
    .option('--model <provider:model>', 'use this model, skipping the router (e.g. ollama:llama3.1, fake:echo)')
    .addOption(new Option('--route <route>', 'force the simple or the reasoning model').choices(['simple', 'reasoning']))
    .option('--always-llm', 'ask the LLM even when the rules are confident')
    .option('--max-tokens <n>', 'token budget for one run (prompt + answers)')
    .option('--max-cost <usd>', 'spend at most this many US dollars on LLM calls per run')
    .addOption(new Option('--prompt-mode <mode>', 'worked examples in the prompt').choices(['zero-shot', 'one-shot', 'few-shot']))
    .option('--anonymize', 'replace namespace, pod, node and image names with pseudonyms before sending')
    .option('--no-redact', 'send logs and events without redacting secrets (not recommended)')
    .option('--show-prompt', 'print exactly what would be sent to the LLM, and make no call')
    .option('--show-thinking', "print the model's reasoning trace");
}

export interface LlmSetup {
  config: LlmConfig;
  deps?: DiagnoseDeps['llm'];
}

/** Flags + env + .env → the explain stage's dependencies; the registry (and SDKs) load only when an LLM is configured. */
export async function setupLlm(flags: LlmFlags, globals: GlobalOptions, io: CommandIo, abortSignal?: AbortSignal): Promise<LlmSetup> {
  const { config, warnings, errors } = loadLlmConfig({ ...flags, llm: flags.llm ?? (globals.llm === 'none' ? undefined : globals.llm), timeoutMs: globals.timeoutMs }, io.env, readDotenv(io.cwd));
  if (errors.length > 0) throw new UsageError(errors.join('; '));
  for (const warning of warnings) io.err(`warning: ${warning}\n`);
  if (globals.verbose) io.err(`llm: ${config.providerReason}\n`);
  if (!config.provider) return { config };
  const { createModelRegistry } = await import('../llm/default-registry.js');
  const timeout = { timeoutMs: config.timeoutMs };
  const registry = createModelRegistry({
    openai: { ...config.connections.openai, ...timeout },
    anthropic: { ...config.connections.anthropic, ...timeout },
    ollama: { ...config.connections.ollama, ...timeout },
  });
  // An unknown provider would otherwise fall back to the rules with no word said: the typo must show.
  if (!registry.providerIds().includes(config.provider)) {
    const { UnknownProviderError } = await import('../llm/model-registry.js');
    throw new UnknownProviderError(config.provider, registry.providerIds());
  }
  const signal = abortSignal ?? io.signal;
  return { config, deps: { registry, settings: config, options: signal ? { abortSignal: signal } : {} } };
}

/** What -v, --show-prompt and --show-thinking add around the diagnosis. Returns true when the prompt was shown instead of a call. */
export function printLlmDetails(result: DiagnoseResult, config: Pick<LlmConfig, 'showPrompt' | 'showThinking'>, globals: GlobalOptions, io: CommandIo): boolean {
  const explain = result.explain;
  if (globals.verbose && explain?.complexity) {
    io.err(`llm: complexity ${explain.complexity.score.toFixed(2)} [${explain.complexity.features.map((f) => `${f.name}=${f.value} (+${f.contribution})`).join(', ') || 'no features'}]\n`);
    if (explain.decision) io.err(`llm: route ${explain.decision.route} → ${explain.decision.modelRef}: ${explain.decision.reason}\n`);
  }
  if (config.showPrompt && explain?.prompt) {
    // -o json keeps its promise of one JSON document on stdout, here the messages that would be sent.
    if (globals.output === 'json') {
      io.out(`${JSON.stringify({ messages: explain.prompt.map(({ role, content }) => ({ role, content })), called: false }, null, 2)}\n`);
      return true;
    }
    for (const message of explain.prompt) io.out(`----- ${message.role} -----\n${message.content}\n`);
    io.out('----- (no call made: --show-prompt) -----\n');
    return true;
  }
  const thinking = result.diagnosis.llm?.thinking;
  if (config.showThinking && thinking) io.err(`----- model reasoning -----\n${thinking}\n---------------------------\n`);
  return false;
}

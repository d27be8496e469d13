import { resolve } from 'node:path';
import { loadLlmConfig, readDotenv } from '../../config/llm-config.js';
import { UsageError } from '../../domain/errors.js';
import { fineTuneStatus, submitOpenAiFineTune, type FineTuneJobInfo } from '../../llm/providers/openai-fine-tuning.js';
import type { ProviderSettings } from '../../llm/provider-settings.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';

export interface FinetuneSubmitArgs {
  action: 'submit' | 'status';
  provider?: string;
  file?: string;
  validation?: string;
  model?: string;
  suffix?: string;
  job?: string;
}

/** `k8sdiag finetune submit --provider openai ...` and `k8sdiag finetune status <job>`. */
export async function run(args: FinetuneSubmitArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const provider = args.provider ?? 'openai';
  if (provider !== 'openai') {
    throw new UsageError(`--provider ${provider} has no hosted fine-tuning here; use openai, or train a LoRA locally (see docs/fine-tuning.md)`);
  }
  const settings = openAiSettings(io, globals);
  if (args.action === 'status') {
    if (!args.job) throw new UsageError('finetune status needs a job id, e.g. `k8sdiag finetune status ftjob-abc123`');
    printJob(await fineTuneStatus(settings, args.job), globals, io);
    return 0;
  }
  if (!args.file) throw new UsageError('--file <train.jsonl> is required (write one with `k8sdiag finetune export`)');
  if (!args.model) throw new UsageError('--model <base model> is required, e.g. --model gpt-4.1-mini-2025-04-14');
  const { job, fileIds } = await submitOpenAiFineTune(settings, {
    trainFile: resolve(io.cwd, args.file),
    ...(args.validation ? { validationFile: resolve(io.cwd, args.validation) } : {}),
    model: args.model,
    ...(args.suffix ? { suffix: args.suffix } : {}),
  });
  if (globals.output !== 'json') io.out(`uploaded ${fileIds.join(', ')}\n`);
  printJob(job, globals, io);
  if (globals.output !== 'json') io.out(`follow it with: k8sdiag finetune status ${job.id}\n`);
  return 0;
}

function openAiSettings(io: CommandIo, globals: GlobalOptions): ProviderSettings {
  const { config } = loadLlmConfig({}, io.env, readDotenv(io.cwd));
  const connection = config.connections.openai;
  if (!connection.apiKey && !connection.baseUrl) throw new UsageError('finetune with openai needs OPENAI_API_KEY (or OPENAI_BASE_URL). Set it in the environment or .env.');
  return { ...connection, timeoutMs: globals.timeoutMs };
}

function printJob(job: FineTuneJobInfo, globals: GlobalOptions, io: CommandIo): void {
  if (globals.output === 'json') {
    io.out(`${JSON.stringify(job, null, 2)}\n`);
    return;
  }
  const lines = [
    `job:        ${job.id}`,
    `status:     ${job.status}`,
    `base model: ${job.model}`,
    `training:   ${job.trainingFile}${job.validationFile ? ` (validation ${job.validationFile})` : ''}`,
    ...(job.fineTunedModel ? [`model:      ${job.fineTunedModel}  → k8sdiag bench --technique fine-tuned --llm openai --model ${job.fineTunedModel}`] : []),
    ...(job.trainedTokens !== null ? [`tokens:     ${job.trainedTokens}`] : []),
    ...(job.error ? [`error:      ${job.error}`] : []),
  ];
  io.out(`${lines.join('\n')}\n`);
}

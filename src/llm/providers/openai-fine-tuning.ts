import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { firstLineOf, ProviderError } from '../../domain/errors.js';
import type { ProviderSettings } from '../provider-settings.js';

export interface FineTuneJobInfo {
  id: string;
  status: string;
  model: string;
  fineTunedModel: string | null;
  trainingFile: string;
  validationFile: string | null;
  trainedTokens: number | null;
  error: string | null;
}

export interface SubmitFineTuneInput {
  trainFile: string;
  validationFile?: string;
  model: string;
  suffix?: string;
}

/**
 * OpenAI fine-tuning through the SDK: upload the JSONL files with purpose `fine-tune`, then
 * create a job. Kept beside the chat provider because only llm/providers may import vendor SDKs.
 */
export async function submitOpenAiFineTune(settings: ProviderSettings, input: SubmitFineTuneInput): Promise<{ job: FineTuneJobInfo; fileIds: string[] }> {
  const client = await createClient(settings);
  const upload = async (path: string): Promise<string> => {
    const { toFile } = await import('openai');
    const file = await client.files.create({ file: await toFile(await readFile(path), basename(path)), purpose: 'fine-tune' }).catch(wrap);
    return file.id;
  };
  const trainingId = await upload(input.trainFile);
  const validationId = input.validationFile ? await upload(input.validationFile) : undefined;
  const job = await client.fineTuning.jobs
    .create({
      model: input.model,
      training_file: trainingId,
      ...(validationId ? { validation_file: validationId } : {}),
      ...(input.suffix ? { suffix: input.suffix } : {}),
    })
    .catch(wrap);
  return { job: jobInfo(job), fileIds: validationId ? [trainingId, validationId] : [trainingId] };
}

export async function fineTuneStatus(settings: ProviderSettings, jobId: string): Promise<FineTuneJobInfo> {
  const client = await createClient(settings);
  return jobInfo(await client.fineTuning.jobs.retrieve(jobId).catch(wrap));
}

async function createClient(settings: ProviderSettings) {
  const { default: OpenAI } = await import('openai');
  return new OpenAI({
    apiKey: settings.apiKey ?? 'not-needed-for-compatible-servers',
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    maxRetries: settings.maxRetries ?? 2,
    ...(settings.timeoutMs ? { timeout: settings.timeoutMs } : {}),
  });
}

interface SdkJob {
  id: string;
  status: string;
  model: string;
  fine_tuned_model: string | null;
  training_file: string;
  validation_file: string | null;
  trained_tokens: number | null;
  error?: { message?: string } | null;
}

function jobInfo(job: SdkJob): FineTuneJobInfo {
  return {
    id: job.id,
    status: job.status,
    model: job.model,
    fineTunedModel: job.fine_tuned_model ?? null,
    trainingFile: job.training_file,
    validationFile: job.validation_file ?? null,
    trainedTokens: job.trained_tokens ?? null,
    error: job.error?.message ?? null,
  };
}

function wrap(error: unknown): never {
  const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  const hint = status === 401 ? ' Set OPENAI_API_KEY.' : '';
  throw new ProviderError('openai', `openai fine-tuning: ${firstLineOf(error)}.${hint}`, status, { cause: error });
}

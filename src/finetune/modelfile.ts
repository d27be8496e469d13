import { systemPrompt } from '../prompt/system-prompt.js';

export interface ModelfileOptions {
  base: string;
  /** Where the GGUF LoRA adapter will be; the default is a placeholder the user replaces. */
  adapterPath?: string;
}

export const ADAPTER_PLACEHOLDER = './k8sdiag-lora-adapter.gguf';

/**
 * An Ollama Modelfile: the base model, the LoRA adapter converted to GGUF, the same system
 * prompt the training rows used (a mismatch costs accuracy), and a low temperature because
 * the answer is JSON.
 */
export function renderModelfile({ base, adapterPath = ADAPTER_PLACEHOLDER }: ModelfileOptions): string {
  const system = systemPrompt().replace(/"""/g, '" " "');
  return [
    '# Written by `k8sdiag finetune export --modelfile`. Train a LoRA adapter on train.jsonl,',
    '# convert it to GGUF, put its path on the ADAPTER line, then: ollama create k8sdiag-ft -f Modelfile',
    `FROM ${base}`,
    `ADAPTER ${adapterPath}`,
    `SYSTEM """${system}"""`,
    'PARAMETER temperature 0.1',
    'PARAMETER num_ctx 8192',
    '',
  ].join('\n');
}

/**
 * Which pipeline stages each bench technique switches on. cli/bench-deps.ts turns it into
 * diagnose()'s dependencies (retriever, explain settings): there is no second code path.
 */
export const TECHNIQUE_IDS = ['rules', 'zero-shot', 'one-shot', 'few-shot', 'rag', 'hyde', 'rag+rerank', 'fine-tuned'] as const;
export type TechniqueId = (typeof TECHNIQUE_IDS)[number];

export type RetrievalMode = 'none' | 'hybrid' | 'hyde' | 'rerank';
export type PromptMode = 'zero-shot' | 'one-shot' | 'few-shot';

export interface TechniquePlan {
  id: TechniqueId;
  description: string;
  retrieval: RetrievalMode;
  /** 'required': not run without a provider. 'optional': runs offline, uses the LLM when one is configured. */
  llm: 'none' | 'optional' | 'required';
  promptMode: PromptMode | null;
}

export const TECHNIQUES: Record<TechniqueId, TechniquePlan> = {
  rules: { id: 'rules', description: 'detectors + pattern library only', retrieval: 'none', llm: 'none', promptMode: null },
  'zero-shot': { id: 'zero-shot', description: 'rules findings → LLM, no examples', retrieval: 'none', llm: 'required', promptMode: 'zero-shot' },
  'one-shot': { id: 'one-shot', description: 'rules findings → LLM with one worked example', retrieval: 'none', llm: 'required', promptMode: 'one-shot' },
  'few-shot': { id: 'few-shot', description: 'rules findings → LLM with several worked examples', retrieval: 'none', llm: 'required', promptMode: 'few-shot' },
  rag: { id: 'rag', description: 'rules + hybrid (dense + BM25) document retrieval, LLM when configured', retrieval: 'hybrid', llm: 'optional', promptMode: 'zero-shot' },
  hyde: { id: 'hyde', description: 'retrieval with a hypothetical document (from patterns offline, from the LLM when configured)', retrieval: 'hyde', llm: 'optional', promptMode: 'zero-shot' },
  'rag+rerank': { id: 'rag+rerank', description: 'hybrid retrieval, then a reranker over the candidates', retrieval: 'rerank', llm: 'optional', promptMode: 'zero-shot' },
  'fine-tuned': { id: 'fine-tuned', description: 'a fine-tuned model (--model), zero-shot prompt, no retrieval', retrieval: 'none', llm: 'required', promptMode: 'zero-shot' },
};

export function isTechniqueId(value: string): value is TechniqueId {
  return (TECHNIQUE_IDS as readonly string[]).includes(value);
}

/** What one bench run asks of the pipeline. */
export interface TechniqueOptions {
  id: TechniqueId;
  retrieval: RetrievalMode;
  promptMode: PromptMode | null;
  /** null: deterministic diagnosis (no provider, or a technique that needs none). */
  llm: null | {
    provider: string;
    model?: string;
    /** Forced route, or the complexity router ('auto'). */
    route: 'simple' | 'reasoning' | 'auto';
    /** The bench measures the LLM, so the confidence shortcut that skips it is off. */
    alwaysLlm: true;
  };
}

export interface LlmChoice {
  provider: string | null;
  model?: string;
  route: 'simple' | 'reasoning' | 'auto';
}

export type TechniqueResolution =
  | { run: true; options: TechniqueOptions }
  | { run: false; reason: string };

/** Turns a technique + the configured LLM into options, or the reason it cannot run honestly. */
export function resolveTechnique(id: TechniqueId, choice: LlmChoice): TechniqueResolution {
  const plan = TECHNIQUES[id];
  const llm = plan.llm !== 'none' && choice.provider
    ? { provider: choice.provider, ...(choice.model ? { model: choice.model } : {}), route: choice.route, alwaysLlm: true as const }
    : null;
  if (plan.llm === 'required' && !llm) return { run: false, reason: 'not run: no provider' };
  if (id === 'fine-tuned' && !choice.model) return { run: false, reason: 'not run: --model <fine-tuned model> required' };
  return { run: true, options: { id, retrieval: plan.retrieval, promptMode: plan.promptMode, llm } };
}

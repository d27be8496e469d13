import type { Diagnosis, Warning } from '../domain/diagnosis.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { LlmConfig } from '../config/llm-config.js';
import type { ChatMessage, GenerateResult, TokenUsage } from '../llm/language-model.js';
import type { ModelRegistry } from '../llm/model-registry.js';
import { costOf, loadPriceTable, type PriceTable } from '../llm/price-table.js';
import { createAnonymizer, mapStrings } from '../prompt/anonymize.js';
import { buildPrompt, type PromptPassage } from '../prompt/build-prompt.js';
import { checkGrounding } from '../prompt/check-grounding.js';
import { ANSWER_TOOL_NAME, llmAnswerJsonSchema } from '../prompt/llm-answer-schema.js';
import { mergeDiagnosis } from '../prompt/merge-diagnosis.js';
import { parseDiagnosis } from '../prompt/parse-diagnosis.js';
import { redact } from '../redact/redact.js';
import { loadDefaultExamples, type WorkedExample } from '../prompt/worked-examples.js';
import { complexityScore, type ComplexityScore } from '../route/complexity-score.js';
import { routeModel, type RouteDecision } from '../route/route-model.js';

export interface ExplainInput {
  snapshot: Snapshot;
  /** The resolved deterministic diagnosis; returned unchanged whenever the LLM cannot improve it safely. */
  diagnosis: Diagnosis;
  passages?: readonly PromptPassage[];
  patterns?: readonly string[];
  history?: readonly string[];
  question?: string;
  /** Worked examples to choose from for one-shot/few-shot; default: the shipped prompt-examples/. */
  examples?: readonly WorkedExample[];
}

export interface ExplainDeps {
  registry: ModelRegistry;
  prices?: PriceTable;
}

export type ExplainSettings = Pick<LlmConfig, 'provider' | 'model' | 'simpleModel' | 'reasoningModel' | 'route' | 'complexityThreshold' | 'confidenceThreshold' | 'alwaysLlm' | 'maxTokens' | 'maxCost' | 'anonymize' | 'redact' | 'showPrompt' | 'promptMode'>;

export interface ExplainOptions {
  onText?: (delta: string) => void;
  abortSignal?: AbortSignal;
}

export interface ExplainResult {
  diagnosis: Diagnosis;
  warnings: Warning[];
  /** Set when the stage decided on a model: for -v. */
  complexity?: ComplexityScore;
  decision?: RouteDecision;
  /** `--show-prompt`: exactly what would be sent; no call was made. */
  prompt?: ChatMessage[];
  calls: number;
}

const ANSWER_TOKENS = 2048;
const estimate = (messages: readonly ChatMessage[]): number => messages.reduce((sum, m) => sum + Math.ceil(m.content.length / 4), 0);

/**
 * The turns that ask once more: the model's own reply (as the vendor sent it, so thinking
 * blocks keep their signatures; left out when empty or cut off) and what was wrong with it.
 */
function repairTurns(reply: GenerateResult, cutOff: boolean, problem: string, protect: (text: string) => string): ChatMessage[] {
  const ask = cutOff
    ? `Your answer was cut off at the output token limit (${problem}). Reply again with only one complete JSON object that matches the schema; keep every string short.`
    : `That answer is not usable: ${problem}. Reply again with only one JSON object that matches the schema.`;
  const own: ChatMessage | undefined = cutOff ? undefined : reply.assistantMessage ?? (reply.text.trim() ? { role: 'assistant', content: protect(reply.text.slice(0, 4000)) } : undefined);
  return [...(own ? [own] : []), { role: 'user', content: ask }];
}

function withNotes(diagnosis: Diagnosis, notes: readonly string[]): Diagnosis {
  return notes.length === 0 ? diagnosis : { ...diagnosis, notes: [...(diagnosis.notes ?? []), ...notes] };
}

/**
 * The explain stage: route, prompt, call, validate (repair once), ground, merge. Never called
 * for a healthy target; skipped when the rules are confident unless alwaysLlm; every failure
 * returns the rules' diagnosis with a warning, so the LLM can only add.
 */
export async function explainDiagnosis(input: ExplainInput, deps: ExplainDeps, settings: ExplainSettings, options: ExplainOptions = {}): Promise<ExplainResult> {
  const { snapshot, diagnosis } = input;
  const warnings: Warning[] = [];
  if (!settings.provider) return { diagnosis, warnings, calls: 0 };
  if (diagnosis.status === 'healthy') return { diagnosis: withNotes(diagnosis, ['Healthy target: no LLM call made.']), warnings, calls: 0 };
  if (!settings.alwaysLlm && diagnosis.confidence >= settings.confidenceThreshold && !input.question) {
    return { diagnosis: withNotes(diagnosis, [`The rules are confident (${diagnosis.confidence.toFixed(2)}); no LLM call made (use --always-llm to ask anyway).`]), warnings, calls: 0 };
  }

  const complexity = complexityScore({ snapshot, findings: diagnosis.findings, ruleConfidence: diagnosis.confidence, ...(input.question ? { question: input.question } : {}) });
  let decision: RouteDecision;
  try {
    decision = routeModel(complexity, {
      provider: settings.provider,
      defaults: deps.registry.defaultModels(settings.provider),
      threshold: settings.complexityThreshold,
      ...(settings.model ? { model: settings.model } : {}),
      ...(settings.simpleModel ? { simpleModel: settings.simpleModel } : {}),
      ...(settings.reasoningModel ? { reasoningModel: settings.reasoningModel } : {}),
      ...(settings.route ? { route: settings.route } : {}),
    });
  } catch (error) {
    warnings.push({ source: 'llm', message: error instanceof Error ? error.message : String(error) });
    return { diagnosis, warnings, complexity, calls: 0 };
  }

  const anonymizer = settings.anonymize ? createAnonymizer(snapshot) : undefined;
  const protect = (text: string): string => {
    const redacted = settings.redact ? redact(text) : text;
    return anonymizer ? anonymizer.anonymize(redacted) : redacted;
  };
  const prompt = buildPrompt({
    snapshot,
    diagnosis,
    mode: settings.promptMode,
    tokenBudget: Math.max(1500, Math.min(8000, Math.floor(settings.maxTokens * 0.6))),
    protect,
    ...(input.patterns ? { patterns: input.patterns } : {}),
    ...(input.passages ? { passages: input.passages } : {}),
    ...(input.history ? { history: input.history } : {}),
    ...(input.question ? { question: input.question } : {}),
    examples: input.examples ?? (settings.promptMode === 'zero-shot' ? [] : loadDefaultExamples()),
  });
  if (settings.showPrompt) return { diagnosis, warnings, complexity, decision, prompt: prompt.messages, calls: 0 };

  const prices = deps.prices ?? loadPriceTable();
  const model = deps.registry.languageModel(decision.modelRef);
  const used: TokenUsage = { input: 0, output: 0 };
  const fallback = (message: string, calls: number): ExplainResult => {
    warnings.push({ source: `llm:${decision.modelRef}`, message });
    return { diagnosis: withNotes(diagnosis, [`LLM not used: ${message} This is the deterministic diagnosis.`]), warnings, complexity, decision, calls };
  };
  // Checks one more call fits --max-tokens and --max-cost before making it.
  const affordable = (messages: readonly ChatMessage[]): string | undefined => {
    const promptTokens = estimate(messages);
    if (used.input + used.output + promptTokens + 256 > settings.maxTokens) return `the prompt (~${promptTokens} tokens) does not fit --max-tokens ${settings.maxTokens}.`;
    const projected = costOf(prices, model.provider, model.modelId, { input: used.input + promptTokens, output: used.output + ANSWER_TOKENS });
    if (projected === undefined && settings.maxCost !== undefined) return `no price known for ${decision.modelRef}, so --max-cost cannot be honoured.`;
    if (projected !== undefined && settings.maxCost !== undefined && projected > settings.maxCost) return `the call would cost about $${projected.toFixed(4)}, above --max-cost $${settings.maxCost}.`;
    return undefined;
  };

  const structuredOutput = { name: ANSWER_TOOL_NAME, description: 'Report the diagnosis of the failing Kubernetes workload.', schema: llmAnswerJsonSchema() };
  let messages = prompt.messages;
  let calls = 0;
  let thinking = '';
  let lastError = '';
  const started = performance.now();
  for (let attempt = 0; attempt < 2; attempt++) {
    const tooMuch = affordable(messages);
    if (tooMuch) return fallback(attempt === 0 ? tooMuch : `the answer was invalid (${lastError}) and a repair call would exceed the budget: ${tooMuch}`, calls);
    let reply: GenerateResult;
    try {
      calls++;
      reply = await model.generate({
        messages,
        structuredOutput,
        reasoning: decision.route === 'reasoning',
        maxOutputTokens: Math.max(1, Math.min(ANSWER_TOKENS, settings.maxTokens - used.input - used.output - estimate(messages))),
        // Reasoning models (extended thinking, o-series) refuse a temperature; elsewhere 0 keeps answers steady.
        ...(decision.route === 'simple' ? { temperature: 0 } : {}),
        ...(options.onText ? { onText: options.onText } : {}),
        ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
    } catch (error) {
      // Ctrl-C is the user's decision, not a failure to paper over with the rules' answer.
      if (options.abortSignal?.aborted) throw error;
      return fallback(error instanceof Error ? error.message : String(error), calls);
    }
    used.input += reply.usage.input;
    used.output += reply.usage.output;
    // Temperature 0 is only our preference; a model that ignores it is not news for the user.
    for (const w of reply.warnings) if (w.feature !== 'temperature') warnings.push({ source: `llm:${decision.modelRef}`, message: w.message });
    if (reply.thinking) thinking += (thinking ? '\n\n' : '') + reply.thinking;
    // A refusal will not turn into an answer by asking again with the same data.
    if (reply.finishReason === 'content-filter') return fallback(`${decision.modelRef} declined to answer (refusal).`, calls);
    const parsed = parseDiagnosis(reply);
    if (parsed.ok) {
      const answer = anonymizer ? mapStrings(parsed.answer, anonymizer.deanonymize) : parsed.answer;
      const grounding = checkGrounding(answer.evidence, snapshot, diagnosis.findings.flatMap((f) => f.evidence.map((e) => e.text)));
      const merged = mergeDiagnosis(diagnosis, answer, grounding.grounded, grounding.rate);
      const notes = [...merged.notes];
      if (grounding.ungrounded.length > 0) notes.push(`Dropped ${grounding.ungrounded.length} LLM evidence quote(s) not found in the snapshot: ${grounding.ungrounded.map((e) => `"${e.text}"`).join('; ')}`);
      if (attempt > 0) notes.push('The first LLM answer did not match the schema; it was repaired by asking once more.');
      const cost = costOf(prices, model.provider, model.modelId, used);
      if (cost === undefined) warnings.push({ source: 'llm', message: `no price for ${decision.modelRef} in src/llm/prices.json; cost not reported` });
      const llm = {
        provider: model.provider,
        model: model.modelId,
        route: decision.route,
        complexity: complexity.score,
        ...(thinking ? { thinking: anonymizer ? anonymizer.deanonymize(thinking) : thinking } : {}),
        tokens: { input: used.input, output: used.output },
        latencyMs: Math.round(performance.now() - started),
        cost: cost ?? null,
        groundingRate: Math.round(grounding.rate * 100) / 100,
        calls,
        reason: decision.reason,
      };
      return { diagnosis: { ...withNotes(merged.diagnosis, notes), llm }, warnings, complexity, decision, calls };
    }
    const cutOff = reply.finishReason === 'length';
    lastError = cutOff ? `it was cut off at the output token limit, so ${parsed.error}` : parsed.error;
    messages = [...messages, ...repairTurns(reply, cutOff, lastError, protect)];
  }
  return fallback(`the LLM answer did not match the schema twice (${lastError}).`, calls);
}

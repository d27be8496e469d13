import type { Diagnosis } from '../domain/diagnosis.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import type { RenderOptions } from './render-options.js';
import { renderText } from './render-text.js';

export type Renderer = (diagnosis: Diagnosis, options: RenderOptions) => string;

/** The only list of output formats; `--output` accepts exactly these keys. */
export const RENDERERS = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
} satisfies Record<string, Renderer>;

export type OutputFormatName = keyof typeof RENDERERS;

export function renderDiagnosis(diagnosis: Diagnosis, format: OutputFormatName, options: RenderOptions): string {
  return RENDERERS[format](diagnosis, options);
}

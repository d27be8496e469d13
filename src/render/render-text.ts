import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../domain/categories.js';
import type { Diagnosis, Finding } from '../domain/diagnosis.js';
import { describeTarget, percent } from './describe-target.js';
import type { RenderOptions } from './render-options.js';

function paint(chalk: ChalkInstance) {
  return {
    severity(severity: Severity, text: string): string {
      if (severity === 'critical') return chalk.red.bold(text);
      if (severity === 'warning') return chalk.yellow.bold(text);
      return chalk.cyan(text);
    },
    heading: (text: string) => chalk.bold.underline(text),
    dim: (text: string) => chalk.dim(text),
    command: (text: string) => chalk.green(text),
  };
}

const STATUS_LINE = {
  healthy: { mark: '✔', label: 'HEALTHY', severity: 'info' },
  degraded: { mark: '!', label: 'DEGRADED', severity: 'warning' },
  failing: { mark: '✖', label: 'FAILING', severity: 'critical' },
} as const;

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? prefix + line : line))
    .join('\n');
}

function renderFinding(finding: Finding, p: ReturnType<typeof paint>, lines: string[]): void {
  lines.push(p.heading('Root cause'));
  lines.push(indent(finding.rootCause, '  '));
  if (finding.evidence.length > 0) {
    lines.push('', p.heading('Evidence'));
    for (const item of finding.evidence) {
      const where = item.location ? p.dim(` (${item.location})`) : '';
      lines.push(`  • [${item.source}] ${item.text.split('\n').join('\n      ')}${where}`);
    }
  }
  if (finding.fixes.length > 0) {
    lines.push('', p.heading('Fix'));
    finding.fixes.forEach((fix, index) => {
      lines.push(`  ${index + 1}. ${fix.description}`);
      if (fix.command) lines.push(indent(fix.command.split('\n').map((c) => `$ ${c}`).join('\n'), '     ').replace(/\$ .*/g, (m) => p.command(m)));
      if (fix.patch) lines.push(p.dim('     patch:'), indent(fix.patch.trimEnd(), '       '));
    });
  }
}

/** Terminal output: status line, root cause, quoted evidence with where it came from, fix steps, references. */
export function renderText(diagnosis: Diagnosis, options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const p = paint(chalk);
  const status = STATUS_LINE[diagnosis.status];
  const lines: string[] = [];
  const head = `${status.mark} ${status.label}`;
  const meta = diagnosis.status === 'healthy' ? '' : `  ·  ${diagnosis.category}  ·  confidence ${percent(diagnosis.confidence)}`;
  lines.push(`${p.severity(status.severity, head)}  ${chalk.bold(describeTarget(diagnosis.target))}${meta}`);
  lines.push(`  ${diagnosis.summary}`, '');

  const [primary, ...others] = diagnosis.findings.filter((f) => diagnosis.status === 'healthy' ? options.verbose : true);
  if (primary && diagnosis.status !== 'healthy') {
    renderFinding(primary, p, lines);
    lines.push('');
  }
  const rest = diagnosis.status === 'healthy' ? diagnosis.findings : others;
  const shown = rest.filter((f) => options.verbose || f.severity !== 'info');
  if (shown.length > 0) {
    lines.push(p.heading(diagnosis.status === 'healthy' ? 'Notes' : 'Other findings'));
    for (const finding of shown) {
      const container = finding.container ? ` [${finding.container}]` : '';
      lines.push(`  ${p.severity(finding.severity, finding.severity.padEnd(8))} ${finding.category}${container}: ${finding.title}`);
      if (options.verbose) for (const item of finding.evidence) lines.push(p.dim(`           [${item.source}] ${item.text}`));
    }
    lines.push('');
  }
  if (diagnosis.references.length > 0) {
    lines.push(p.heading('References'));
    diagnosis.references.slice(0, options.maxReferences ?? 3).forEach((ref, index) => {
      const heading = ref.heading ? ` › ${ref.heading}` : '';
      lines.push(`  ${index + 1}. ${ref.title}${heading} ${p.dim(`(${ref.source}, ${ref.score.toFixed(2)})`)}`);
    });
    lines.push('');
  }
  for (const note of diagnosis.notes ?? []) lines.push(p.dim(`note: ${note}`));
  for (const error of diagnosis.collectionErrors ?? []) lines.push(p.severity('warning', `could not read ${error.what}: ${error.reason}`));
  if (options.verbose) for (const warning of diagnosis.warnings ?? []) lines.push(p.dim(`warning (${warning.source}): ${warning.message}`));
  if (diagnosis.llm) {
    const llm = diagnosis.llm;
    lines.push(p.dim(`explained by ${llm.provider}:${llm.model} (${llm.route} route, complexity ${llm.complexity.toFixed(2)})`));
  } else if (diagnosis.status !== 'healthy') {
    lines.push(p.dim('diagnosis from rules and patterns (no LLM used)'));
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

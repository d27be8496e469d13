import type { Diagnosis, Finding } from '../domain/diagnosis.js';
import { describeTarget, percent } from './describe-target.js';

const STATUS_BADGE = { healthy: '✅ Healthy', degraded: '⚠️ Degraded', failing: '❌ Failing' } as const;

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fence(text: string, language = ''): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${text.trimEnd()}\n${ticks}`;
}

function renderPrimary(finding: Finding, lines: string[]): void {
  lines.push('### Root cause', '', finding.rootCause, '');
  if (finding.evidence.length > 0) {
    lines.push('### Evidence', '');
    for (const item of finding.evidence) {
      const where = item.location ? ` — _${item.location}_` : '';
      lines.push(`- **${item.source}**${where}`, '', fence(item.text).split('\n').map((l) => `  ${l}`).join('\n'), '');
    }
  }
  if (finding.fixes.length > 0) {
    lines.push('### Fix', '');
    finding.fixes.forEach((fix, index) => {
      lines.push(`${index + 1}. ${fix.description}`);
      if (fix.command) lines.push('', fence(fix.command, 'bash').split('\n').map((l) => `   ${l}`).join('\n'));
      if (fix.patch) lines.push('', fence(fix.patch, 'yaml').split('\n').map((l) => `   ${l}`).join('\n'));
      lines.push('');
    });
  }
}

/** For PR comments and $GITHUB_STEP_SUMMARY: GitHub-flavoured markdown, no colour codes. */
export function renderMarkdown(diagnosis: Diagnosis): string {
  const lines: string[] = [];
  lines.push(`## k8sdiag: ${STATUS_BADGE[diagnosis.status]} — \`${describeTarget(diagnosis.target)}\``, '');
  lines.push('| Category | Confidence | Findings |', '|---|---|---|');
  lines.push(`| \`${diagnosis.category}\` | ${percent(diagnosis.confidence)} | ${diagnosis.findings.length} |`, '');
  lines.push(`**${escapeCell(diagnosis.summary)}**`, '');
  const [primary, ...others] = diagnosis.findings;
  if (primary && diagnosis.status !== 'healthy') renderPrimary(primary, lines);
  const rest = diagnosis.status === 'healthy' ? diagnosis.findings : others;
  if (rest.length > 0) {
    lines.push('### Other findings', '', '| Severity | Category | Container | Finding |', '|---|---|---|---|');
    for (const finding of rest) {
      lines.push(`| ${finding.severity} | \`${finding.category}\` | ${finding.container ?? ''} | ${escapeCell(finding.title)} |`);
    }
    lines.push('');
  }
  if (diagnosis.references.length > 0) {
    lines.push('### References', '');
    for (const ref of diagnosis.references.slice(0, 5)) {
      lines.push(`- ${ref.title}${ref.heading ? ` › ${ref.heading}` : ''} (\`${ref.source}\`, score ${ref.score.toFixed(2)})`);
    }
    lines.push('');
  }
  const details = [
    ...(diagnosis.collectionErrors ?? []).map((e) => `- could not read ${e.what}: ${e.reason}`),
    ...(diagnosis.notes ?? []).map((n) => `- note: ${n}`),
  ];
  if (details.length > 0) lines.push('<details><summary>Collection notes</summary>', '', ...details, '', '</details>', '');
  const by = diagnosis.llm ? `explained by ${diagnosis.llm.provider}:${diagnosis.llm.model}` : 'rules and patterns, no LLM';
  lines.push(`<sub>k8sdiag · ${by}</sub>`);
  return `${lines.join('\n')}\n`;
}

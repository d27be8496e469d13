import { historyConfig } from '../../config/history-config.js';
import { UsageError } from '../../domain/errors.js';
import { openHistoryStore, type HistoryStore } from '../../history/history-store.js';
import type { InvestigationRecord } from '../../history/investigation-record.js';
import { targetPath } from '../../render/describe-target.js';
import type { CommandIo, GlobalOptions } from '../command-context.js';

export interface HistoryArgs {
  action: 'list' | 'show' | 'export';
  id?: string;
  limit?: string;
  minRating?: string;
}

/** `k8sdiag history list|show <id>|export`: read-only views of the local investigation history. */
export async function run(args: HistoryArgs, globals: GlobalOptions, io: CommandIo): Promise<number> {
  const store = openHistoryStore(historyConfig(io.env).dbPath);
  try {
    if (args.action === 'show') return show(store, args.id ?? '', globals, io);
    const records = store.list({ ...limitOf(args), ...minRatingOf(args) });
    if (args.action === 'export' || globals.output === 'json') {
      io.out(`${JSON.stringify(records, null, 2)}\n`);
      return 0;
    }
    if (records.length === 0) {
      io.out(`no investigations recorded yet (${store.file})\n`);
      return 0;
    }
    if (globals.output === 'markdown') io.out(markdownTable(records));
    else io.out(textTable(records));
    return 0;
  } finally {
    store.close();
  }
}

function show(store: HistoryStore, id: string, globals: GlobalOptions, io: CommandIo): number {
  const record = store.get(id);
  if (!record) throw new UsageError(`no investigation with id "${id}"; run \`k8sdiag history list\` to see the ids`);
  if (globals.output === 'json') {
    io.out(`${JSON.stringify(record, null, 2)}\n`);
    return 0;
  }
  const d = record.diagnosis;
  const lines = [
    `id:         ${record.id}`,
    `recorded:   ${record.createdAt}`,
    `target:     ${record.target.kind}/${record.target.name} -n ${record.target.namespace}`,
    `snapshot:   sha256:${record.snapshotDigest.slice(0, 16)}`,
    `technique:  ${record.technique}${record.provider ? ` (${record.provider}:${record.model ?? '?'})` : ''}`,
    `answer:     ${d.status} / ${d.category} (confidence ${Math.round(d.confidence * 100)}%)`,
    `summary:    ${d.summary}`,
    `rating:     ${record.rating === null ? 'not rated (k8sdiag feedback ' + record.id + ' --rating 1-5)' : `${record.rating}/5`}`,
    ...(record.correctCategory ? [`corrected:  ${record.correctCategory}`] : []),
    ...(record.note ? [`note:       ${record.note}`] : []),
    ...(d.findings.length > 0 ? ['findings:'] : []),
    ...d.findings.map((f) => `  - [${f.severity}] ${f.category}: ${f.title}`),
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

function rowsOf(records: readonly InvestigationRecord[]): string[][] {
  return records.map((r) => [
    r.id,
    r.createdAt.replace('T', ' ').slice(0, 16),
    targetPath(r.target),
    r.correctCategory ? `${r.category} → ${r.correctCategory}` : r.category,
    r.technique,
    r.rating === null ? '-' : `${r.rating}/5`,
  ]);
}

const HEADER = ['ID', 'WHEN', 'TARGET', 'CATEGORY', 'TECHNIQUE', 'RATING'];

function textTable(records: readonly InvestigationRecord[]): string {
  const rows = [HEADER, ...rowsOf(records)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

function markdownTable(records: readonly InvestigationRecord[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(HEADER), line(HEADER.map(() => '---')), ...rowsOf(records).map(line)].join('\n') + '\n';
}

function limitOf(args: HistoryArgs): { limit?: number } {
  if (args.limit === undefined) return {};
  const limit = Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number (got "${args.limit}")`);
  return { limit };
}

function minRatingOf(args: HistoryArgs): { minRating?: number } {
  if (args.minRating === undefined) return {};
  if (!/^[1-5]$/.test(args.minRating)) throw new UsageError(`--min-rating must be a whole number from 1 to 5 (got "${args.minRating}")`);
  return { minRating: Number(args.minRating) };
}

import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Category } from '../domain/categories.js';
import type { Diagnosis, Finding } from '../domain/diagnosis.js';
import { InputError, UsageError } from '../domain/errors.js';
import type { Target } from '../domain/snapshot.js';
import { investigationRecordSchema, type Feedback, type InvestigationRecord } from './investigation-record.js';
import { migrate } from './migrations.js';
import { shortId } from './short-id.js';

/** What the caller hands over; strings must already be redacted (record-investigation.ts does it). */
export interface NewInvestigation {
  createdAt: string;
  target: Target;
  snapshotDigest: string;
  technique: string;
  provider: string | null;
  model: string | null;
  diagnosis: Diagnosis;
  findingsText: string;
}

export interface ListOptions {
  limit?: number;
  minRating?: number;
}

interface Row {
  id: string;
  created_at: string;
  target_kind: string;
  target_namespace: string;
  target_name: string;
  snapshot_digest: string;
  status: string;
  category: string;
  confidence: number;
  technique: string;
  provider: string | null;
  model: string | null;
  findings_json: string;
  findings_text: string;
  diagnosis_json: string;
  rating: number | null;
  note: string | null;
  correct_category: string | null;
  rated_at: string | null;
}

export interface HistoryStore {
  readonly file: string;
  add(investigation: NewInvestigation): InvestigationRecord;
  /** Accepts the full id or a unique prefix of at least 4 characters. */
  get(idOrPrefix: string): InvestigationRecord | undefined;
  list(options?: ListOptions): InvestigationRecord[];
  /** Rated records with their findings text, for similarity search. */
  rated(minRating: number): { record: InvestigationRecord; findingsText: string }[];
  rate(idOrPrefix: string, feedback: Feedback, ratedAt: string): InvestigationRecord;
  close(): void;
}

/**
 * Opens (and creates or migrates) the history database. WAL lets readers run beside a
 * writer; busy_timeout makes a second process wait for the write lock instead of failing
 * with SQLITE_BUSY, which is what two CI jobs sharing one cache dir need.
 */
export function openHistoryStore(file: string, { busyTimeoutMs = 10_000 } = {}): HistoryStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // Loaded on first open, not at import: `--help` and diagnoses with --no-history never pay for the native addon.
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db, file);

  const insert = db.prepare(`INSERT INTO investigations
    (id, created_at, target_kind, target_namespace, target_name, snapshot_digest, status, category, confidence,
     technique, provider, model, findings_json, findings_text, diagnosis_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const byId = db.prepare<Row>('SELECT * FROM investigations WHERE id = ?');
  const byPrefix = db.prepare<Row>('SELECT * FROM investigations WHERE id LIKE ? ORDER BY id LIMIT 2');
  const update = db.prepare('UPDATE investigations SET rating = ?, note = ?, correct_category = ?, rated_at = ? WHERE id = ?');

  const find = (idOrPrefix: string): Row | undefined => {
    const key = idOrPrefix.trim().toLowerCase();
    const exact = byId.get(key);
    if (exact || key.length < 4 || !/^[a-z0-9]+$/.test(key)) return exact;
    const rows = byPrefix.all(`${key}%`);
    if (rows.length > 1) throw new UsageError(`investigation id "${idOrPrefix}" is ambiguous; type more characters (see \`k8sdiag history list\`)`);
    return rows[0];
  };

  return {
    file,
    add(investigation) {
      const { diagnosis, target } = investigation;
      // A retry on the (astronomically rare) id collision rather than a longer id people must type.
      for (let attempt = 0; ; attempt += 1) {
        const id = shortId();
        try {
          insert.run(
            id, investigation.createdAt, target.kind, target.namespace, target.name, investigation.snapshotDigest,
            diagnosis.status, diagnosis.category, diagnosis.confidence, investigation.technique,
            investigation.provider, investigation.model, JSON.stringify(diagnosis.findings), investigation.findingsText,
            JSON.stringify(diagnosis),
          );
          return toRecord(byId.get(id) as Row, file);
        } catch (error) {
          if (attempt < 5 && error instanceof Error && /UNIQUE constraint/.test(error.message)) continue;
          throw error;
        }
      }
    },
    get(idOrPrefix) {
      const row = find(idOrPrefix);
      return row ? toRecord(row, file) : undefined;
    },
    list({ limit, minRating } = {}) {
      const where = minRating === undefined ? '' : 'WHERE rating >= ?';
      const sql = `SELECT * FROM investigations ${where} ORDER BY created_at DESC, id ${limit === undefined ? '' : `LIMIT ${Math.max(0, Math.floor(limit))}`}`;
      const rows = minRating === undefined ? db.prepare<Row>(sql).all() : db.prepare<Row>(sql).all(minRating);
      return rows.map((row) => toRecord(row, file));
    },
    rated(minRating) {
      return db.prepare<Row>('SELECT * FROM investigations WHERE rating >= ? ORDER BY created_at DESC').all(minRating)
        .map((row) => ({ record: toRecord(row, file), findingsText: row.findings_text }));
    },
    rate(idOrPrefix, feedback, ratedAt) {
      const row = find(idOrPrefix);
      if (!row) throw new UsageError(`no investigation with id "${idOrPrefix}"; run \`k8sdiag history list\` to see the ids`);
      update.run(feedback.rating, feedback.note ?? null, feedback.correctCategory ?? null, ratedAt, row.id);
      return toRecord(byId.get(row.id) as Row, file);
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function toRecord(row: Row, file: string): InvestigationRecord {
  const parsed = investigationRecordSchema.safeParse({
    id: row.id,
    createdAt: row.created_at,
    target: { kind: row.target_kind, namespace: row.target_namespace, name: row.target_name },
    snapshotDigest: row.snapshot_digest,
    status: row.status,
    category: row.category,
    confidence: row.confidence,
    technique: row.technique,
    provider: row.provider,
    model: row.model,
    findings: JSON.parse(row.findings_json) as Finding[],
    diagnosis: JSON.parse(row.diagnosis_json) as Diagnosis,
    rating: row.rating,
    note: row.note,
    correctCategory: (row.correct_category as Category | null) ?? null,
    ratedAt: row.rated_at,
  });
  if (!parsed.success) throw new InputError(`${file}: investigation ${row.id} does not match the history schema (${parsed.error.issues[0]?.message ?? 'invalid'})`, file);
  return parsed.data;
}

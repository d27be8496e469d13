import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../domain/errors.js';

/**
 * Forward-only: migration N brings the database from user_version N to N+1. Never edit a
 * shipped entry; append a new one, because old databases on users' disks replay the list.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE investigations (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     target_kind TEXT NOT NULL,
     target_namespace TEXT NOT NULL,
     target_name TEXT NOT NULL,
     snapshot_digest TEXT NOT NULL,
     status TEXT NOT NULL,
     category TEXT NOT NULL,
     confidence REAL NOT NULL,
     technique TEXT NOT NULL,
     provider TEXT,
     model TEXT,
     findings_json TEXT NOT NULL,
     findings_text TEXT NOT NULL,
     diagnosis_json TEXT NOT NULL
   );
   CREATE INDEX investigations_created_at ON investigations (created_at);`,
  `ALTER TABLE investigations ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
   ALTER TABLE investigations ADD COLUMN note TEXT;
   ALTER TABLE investigations ADD COLUMN correct_category TEXT;
   ALTER TABLE investigations ADD COLUMN rated_at TEXT;
   CREATE INDEX investigations_rating ON investigations (rating);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Runs the missing migrations inside one IMMEDIATE transaction, so two processes opening a
 * fresh database at once serialise on the write lock and the second sees the first's work.
 */
export function migrate(db: BetterSqlite3.Database, file: string): number {
  const apply = db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > MIGRATIONS.length) {
      throw new ConfigError(`${file}: history schema version ${current} is newer than this k8sdiag understands (${MIGRATIONS.length}); upgrade k8sdiag or point K8SDIAG_HOME elsewhere`);
    }
    for (let version = current; version < MIGRATIONS.length; version += 1) {
      db.exec(MIGRATIONS[version] ?? '');
      // PRAGMA cannot take bound parameters; version is an integer we control.
      db.pragma(`user_version = ${version + 1}`);
    }
    return current;
  });
  return apply.immediate();
}

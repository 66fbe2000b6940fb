import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describeDataFileProblem } from './data-file-error.ts';

// Long enough to ride out another connection's short write (the SQLite store and the QuestDB
// outbox may share the file), short enough that a stuck lock surfaces as an error, not a stall.
const busyTimeoutMs = 5_000;

/**
 * Opens (creating parent directories and the file if needed) an SQLite file with the settings
 * every upbeat connection uses, then runs `prepare` (creating tables); closes it again if that fails.
 */
export function openSqliteFile(file: string, prepare: (db: Database.Database) => void): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw describeDataFileProblem(file, error);
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL still makes each commit survive a crash of this process (the WAL is in the
    // OS before commit returns), which is what append() promises; only the fsync waits for a
    // checkpoint, so power loss may drop the last few commits. FULL would fsync on every append.
    db.pragma('synchronous = NORMAL');
    prepare(db);
    return db;
  } catch (error) {
    db.close();
    throw isDataFileProblem(error) ? describeDataFileProblem(file, error) : error;
  }
}

/** SQLite's codes for a file it cannot use as a database (as opposed to a bug in a statement). */
function isDataFileProblem(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^SQLITE_(NOTADB|CORRUPT|CANTOPEN)/.test(code);
}

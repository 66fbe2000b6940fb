import type Database from 'better-sqlite3';
import { silentLogger, type Logger } from '../../log.ts';
import { openSqliteFile } from '../open-sqlite-file.ts';

/** Which QuestDB table a row goes to: the signals table or the state changes beside it. */
export type OutboxStream = 'signals' | 'state_changes';

/** A row waiting for QuestDB: its table, its identity and its table-free ILP row (e.g. encodeSignalRow's output). */
export interface OutboxEntry {
  readonly stream: OutboxStream;
  readonly region: string;
  readonly received: number;
  readonly target: string;
  readonly line: string;
}

/** A row handed to the writer at `sentAt` (epoch ms) and not yet confirmed. */
export interface SentRow {
  readonly id: number;
  readonly sentAt: number;
}

/** The durable queue of rows not yet known to be in QuestDB. */
export interface Outbox {
  /** Stores rows (a replayed key with new content replaces the old), then drops the oldest beyond the bound. */
  add(entries: readonly OutboxEntry[]): void;
  /** Marks up to `limit` unsent rows, oldest first, as sent at `sentAt` and returns them. */
  claimUnsent(limit: number, sentAt: number): (SentRow & Pick<OutboxEntry, 'stream' | 'line'>)[];
  /** Puts rows back in the queue after a send that failed. */
  requeue(ids: readonly number[]): void;
  /** Queues again every row sent at or before `cutoff`; returns how many. */
  requeueSentBefore(cutoff: number): number;
  /** Queues again every sent row (the connection they went over is gone); returns how many. */
  requeueAll(): number;
  /** Sent rows, grouped by stream and region and oldest first, for confirming against QuestDB. */
  listSent(limit: number): (SentRow & Omit<OutboxEntry, 'line'>)[];
  countSent(): number;
  /** Removes rows confirmed in QuestDB, unless they were replaced or sent again meanwhile. */
  removeConfirmed(rows: readonly SentRow[]): number;
  size(): number;
  close(): void;
}

/**
 * Opens the outbox table in the SQLite file at `file` (WAL mode; other modules may keep their
 * own tables in the same file, so this touches only its own table and never PRAGMA user_version).
 * Every row starts unsent: whatever an earlier run sent was never confirmed.
 */
export function openOutbox(options: { file: string; maxRows: number; log?: Logger }): Outbox {
  const { file, maxRows, log = silentLogger } = options;
  const db = openSqliteFile(file, ensureOutboxTable);

  const insert = db.prepare(
    'INSERT OR IGNORE INTO questdb_outbox (stream, region, received, target, line) VALUES (?, ?, ?, ?, ?)',
  );
  // An identical replay keeps its place and its sent state; only new content is sent again.
  const replace = db.prepare(
    `UPDATE questdb_outbox SET line = ?, sent_at = NULL
     WHERE stream = ? AND region = ? AND received = ? AND target = ? AND line <> ?`,
  );
  const dropOldest = db.prepare(
    'DELETE FROM questdb_outbox WHERE id IN (SELECT id FROM questdb_outbox ORDER BY id LIMIT ?)',
  );
  const claim = db.prepare<
    [number, number],
    { id: number; stream: OutboxStream; line: string; sent_at: number }
  >(
    `UPDATE questdb_outbox SET sent_at = ?
     WHERE id IN (SELECT id FROM questdb_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?)
     RETURNING id, stream, line, sent_at`,
  );
  const requeueOne = db.prepare('UPDATE questdb_outbox SET sent_at = NULL WHERE id = ?');
  const requeueBefore = db.prepare(
    'UPDATE questdb_outbox SET sent_at = NULL WHERE sent_at IS NOT NULL AND sent_at <= ?',
  );
  const requeueEvery = db.prepare('UPDATE questdb_outbox SET sent_at = NULL WHERE sent_at IS NOT NULL');
  const selectSent = db.prepare<
    [number],
    { id: number; stream: OutboxStream; region: string; received: number; target: string; sent_at: number }
  >(
    `SELECT id, stream, region, received, target, sent_at FROM questdb_outbox
     WHERE sent_at IS NOT NULL ORDER BY stream, region, received LIMIT ?`,
  );
  const countSentRows = db.prepare('SELECT count(*) FROM questdb_outbox WHERE sent_at IS NOT NULL').pluck();
  const removeOne = db.prepare('DELETE FROM questdb_outbox WHERE id = ? AND sent_at = ?');
  let count = db.prepare('SELECT count(*) FROM questdb_outbox').pluck().get() as number;
  let droppedTotal = 0;
  // "Sent" meant sent over a connection of an earlier process; nothing confirmed it, so send again.
  const fromLastRun = requeueEvery.run().changes;
  if (count > 0)
    log.info(
      { waiting: count, sentUnconfirmed: fromLastRun, file },
      'questdb outbox: rows from the last run will be sent',
    );

  const addAll = db.transaction((entries: readonly OutboxEntry[]) => {
    for (const { stream, region, received, target, line } of entries) {
      if (insert.run(stream, region, received, target, line).changes === 1) count++;
      else replace.run(line, stream, region, received, target, line);
    }
    const excess = count - maxRows;
    if (excess <= 0) return;
    count -= dropOldest.run(excess).changes;
    droppedTotal += excess;
    log.warn(
      { dropped: excess, droppedTotal, maxRows, file },
      'questdb outbox full: dropped the oldest unconfirmed rows',
    );
  });
  const requeueMany = db.transaction((ids: readonly number[]) => {
    for (const id of ids) requeueOne.run(id);
  });
  const removeMany = db.transaction((rows: readonly SentRow[]) => {
    let removed = 0;
    for (const { id, sentAt } of rows) removed += removeOne.run(id, sentAt).changes;
    count -= removed;
    return removed;
  });

  return {
    add: (entries) => addAll(entries),
    claimUnsent: (limit, sentAt) =>
      claim
        .all(sentAt, limit)
        .map((row) => ({ id: row.id, stream: row.stream, line: row.line, sentAt: row.sent_at }))
        .sort((a, b) => a.id - b.id),
    requeue: (ids) => requeueMany(ids),
    requeueSentBefore: (cutoff) => requeueBefore.run(cutoff).changes,
    requeueAll: () => requeueEvery.run().changes,
    listSent: (limit) => selectSent.all(limit).map(({ sent_at, ...row }) => ({ ...row, sentAt: sent_at })),
    countSent: () => countSentRows.get() as number,
    removeConfirmed: (rows) => removeMany(rows),
    size: () => count,
    close() {
      if (db.open) db.close();
    },
  };
}

const outboxTable = `CREATE TABLE IF NOT EXISTS questdb_outbox (
  id INTEGER PRIMARY KEY,
  stream TEXT NOT NULL DEFAULT 'signals',
  region TEXT NOT NULL, received INTEGER NOT NULL, target TEXT NOT NULL,
  line TEXT NOT NULL,
  sent_at INTEGER,
  UNIQUE (stream, region, received, target)
)`;

/**
 * Creates the outbox table, or rebuilds one from before state changes shared it (no `stream`
 * column, and a unique key without it, which SQLite cannot alter in place): its rows are signals
 * and keep their ids, so their order and sent state survive.
 */
function ensureOutboxTable(db: Database.Database): void {
  db.transaction(() => {
    const columns = db.prepare("SELECT name FROM pragma_table_info('questdb_outbox')").pluck().all();
    if (columns.length > 0 && !columns.includes('stream')) {
      db.exec(`ALTER TABLE questdb_outbox RENAME TO questdb_outbox_before_streams;
        ${outboxTable};
        INSERT INTO questdb_outbox (id, region, received, target, line, sent_at)
          SELECT id, region, received, target, line, sent_at FROM questdb_outbox_before_streams;
        DROP TABLE questdb_outbox_before_streams;`);
    }
    db.exec(`${outboxTable};
      CREATE INDEX IF NOT EXISTS questdb_outbox_sent ON questdb_outbox (sent_at) WHERE sent_at IS NOT NULL;`);
  }).immediate();
}

import type Database from 'better-sqlite3';
import type { StateChange, StateChangeRow } from '../incidents/state-change.ts';

/** A state_changes row as SQLite returns it (times as epoch ms). */
type SqliteStateChangeRow = StateChangeRow<number>;

const columns = 'received, target, region, from_state, to_state, reason, http_status, incident_start';

/**
 * The state_changes table: one row per change of a target's state, keyed like signals (a change
 * happens at the probe that caused it), so a replayed append is a no-op.
 */
export function ensureStateChangesTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS state_changes (
    received INTEGER NOT NULL, target TEXT NOT NULL, region TEXT NOT NULL,
    from_state TEXT NOT NULL, to_state TEXT NOT NULL, reason TEXT, http_status INTEGER NOT NULL,
    incident_start INTEGER,
    PRIMARY KEY (target, received, region)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS state_changes_received ON state_changes (received);`);
}

function fromRow(row: SqliteStateChangeRow): StateChange {
  return {
    received: row.received,
    target: row.target,
    region: row.region,
    from: row.from_state,
    to: row.to_state,
    reason: row.reason,
    httpStatus: row.http_status,
    incidentStart: row.incident_start,
  };
}

/** The prepared statements of the state-change part of the SQLite store. */
export function prepareStateChanges(db: Database.Database) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO state_changes (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = db.transaction((changes: readonly StateChange[]) => {
    for (const c of changes)
      insert.run(c.received, c.target, c.region, c.from, c.to, c.reason, c.httpStatus, c.incidentStart);
  });
  // `@x IS NULL` (not asked for) matches every row.
  const filters = '(@target IS NULL OR target = @target) AND (@region IS NULL OR region = @region)';
  type Filter = { target: string | null; region: string | null };
  const selectRange = db.prepare<[{ from: number; to: number } & Filter], SqliteStateChangeRow>(
    `SELECT ${columns} FROM state_changes WHERE received >= @from AND received < @to AND ${filters}
     ORDER BY received, target, region`,
  );
  // SQLite's bare-column rule: with MAX(), the other columns come from the row holding the maximum.
  // One target's newest is asked once per target as its first probe lands: with `target = @target`
  // SQLite seeks the primary key, where `(@target IS NULL OR ...)` scanned the whole table each
  // time (quadratic at start with 20,000 targets: a fifth of the event loop in a CPU profile).
  const latest = (where: string) =>
    db.prepare<[{ before: number } & Filter], SqliteStateChangeRow & { newest: number }>(
      `SELECT ${columns}, MAX(received) AS newest FROM state_changes WHERE received < @before AND ${where}
       GROUP BY target, region ORDER BY target, region`,
    );
  const selectLatest = latest(filters);
  const selectLatestOfTarget = latest('target = @target AND (@region IS NULL OR region = @region)');
  // Each target's newest change stays, however old: it carries the open incident and the state
  // thresholds resume from, so a target down longer than the retention keeps its one incident.
  const prune = db.prepare<[{ before: number }]>(
    `DELETE FROM state_changes WHERE received < @before AND received < (
       SELECT MAX(newer.received) FROM state_changes AS newer
       WHERE newer.target = state_changes.target AND newer.region = state_changes.region)`,
  );
  const countFailed = db
    .prepare<[{ target: string; region: string; from: number; to: number }], number>(
      `SELECT COUNT(*) FROM signals WHERE target = @target AND region = @region
       AND received >= @from AND received < @to AND reason IS NOT NULL`,
    )
    .pluck();

  const filter = (query: { target?: string; region?: string }): Filter => ({
    target: query.target ?? null,
    region: query.region ?? null,
  });
  return {
    append: (changes: readonly StateChange[]) => insertAll(changes),
    readRange: (query: { from: number; to: number; target?: string; region?: string }) =>
      selectRange.all({ from: query.from, to: query.to, ...filter(query) }).map(fromRow),
    readLatest: (query: { before: number; target?: string; region?: string }) =>
      (query.target === undefined ? selectLatest : selectLatestOfTarget)
        .all({ before: query.before, ...filter(query) })
        .map(fromRow),
    prune: (before: number) => prune.run({ before }).changes,
    countFailed: (query: { target: string; region: string; from: number; to: number }) =>
      countFailed.get(query) as number,
  };
}

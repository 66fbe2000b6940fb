import type Database from 'better-sqlite3';

/** Epoch ms in an hour: epoch ms count no leap seconds, so multiples are exactly UTC hour starts. */
export const hourMs = 3_600_000;

/**
 * The hourly rollup of the signals table, one row per target, UTC hour and region. A trigger keeps
 * it in the transaction of every insert, and fires only for rows actually inserted: an
 * `INSERT OR IGNORE` of a replayed signal changes nothing here either.
 */
const createStatement = `CREATE TABLE signals_1h (
  target TEXT NOT NULL, region TEXT NOT NULL, hour INTEGER NOT NULL,
  checks INTEGER NOT NULL, up INTEGER NOT NULL, latency_sum REAL NOT NULL, latency_max REAL NOT NULL,
  PRIMARY KEY (target, hour, region)
) WITHOUT ROWID;
CREATE INDEX signals_1h_hour ON signals_1h (hour);`;

const hourOf = (received: string) => `${received} - ${received} % ${hourMs}`;

const triggerStatement = `CREATE TRIGGER IF NOT EXISTS signals_1h_count AFTER INSERT ON signals BEGIN
  INSERT INTO signals_1h (target, region, hour, checks, up, latency_sum, latency_max)
  VALUES (NEW.target, NEW.region, ${hourOf('NEW.received')}, 1, NEW.available, NEW.latency_ms, NEW.latency_ms)
  ON CONFLICT (target, hour, region) DO UPDATE SET
    checks = checks + 1, up = up + excluded.up, latency_sum = latency_sum + excluded.latency_sum,
    latency_max = max(latency_max, excluded.latency_max);
END;`;

// A file written before the rollup existed: one pass over its signals fills it.
const rebuildStatement = `INSERT INTO signals_1h (target, region, hour, checks, up, latency_sum, latency_max)
  SELECT target, region, ${hourOf('received')}, COUNT(*), SUM(available), SUM(latency_ms), MAX(latency_ms)
  FROM signals GROUP BY target, ${hourOf('received')}, region`;

/**
 * Creates the rollup table (filled from the signals already there) and its trigger, in one write
 * transaction; the signals table must exist. A file that has both already is left as it is.
 */
export function ensureRollupTable(db: Database.Database): void {
  db.transaction(() => {
    const exists = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'signals_1h'")
      .get();
    if (!exists) {
      db.exec(createStatement);
      db.exec(rebuildStatement);
    }
    db.exec(triggerStatement);
  }).immediate();
}

/**
 * Sums of one `@target`'s rollup per bucket of `@size` ms (a multiple of an hour), hours in
 * `[@from, @to)`, of `@region` when not null. A plain `target = @target` lets SQLite seek the
 * primary key; `(@target IS NULL OR ...)` made it scan every target's rows (9 s for 100 targets x
 * 90 days instead of milliseconds).
 */
export const selectRollupsStatement = `SELECT target, hour - hour % @size AS start, SUM(checks) AS checks,
    SUM(up) AS up, SUM(latency_sum) AS latencySum, MAX(latency_max) AS latencyMax
  FROM signals_1h
  WHERE target = @target AND hour >= @from AND hour < @to
    AND (@region IS NULL OR region = @region)
  GROUP BY start ORDER BY start`;

/** Drops the hours that lie wholly before `@before` (a partly pruned hour keeps its sums). */
export const pruneRollupsStatement = `DELETE FROM signals_1h WHERE hour + ${hourMs} <= @before`;

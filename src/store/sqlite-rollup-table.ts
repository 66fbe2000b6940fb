import type Database from 'better-sqlite3';

/** Epoch ms in an hour: epoch ms count no leap seconds, so multiples are exactly UTC hour starts. */
export const hourMs = 3_600_000;

/**
 * The hourly rollup of the signals table, one row per target, UTC hour and region. A trigger keeps
 * it in the transaction of every insert, and fires only for rows actually inserted: an
 * `INSERT OR IGNORE` of a replayed signal changes nothing here either. Probes in maintenance count
 * only in `maintenance` (neither up nor down); their latency adds 0 to the sum and the max.
 */
const createStatement = `CREATE TABLE signals_1h (
  target TEXT NOT NULL, region TEXT NOT NULL, hour INTEGER NOT NULL,
  checks INTEGER NOT NULL, up INTEGER NOT NULL, latency_sum REAL NOT NULL, latency_max REAL NOT NULL,
  maintenance INTEGER NOT NULL,
  PRIMARY KEY (target, hour, region)
) WITHOUT ROWID;
CREATE INDEX signals_1h_hour ON signals_1h (hour);`;

/** The columns a file's rollup table must have; one without them all is rebuilt. */
const rollupColumns = [
  'target',
  'region',
  'hour',
  'checks',
  'up',
  'latency_sum',
  'latency_max',
  'maintenance',
];

const hourOf = (received: string) => `${received} - ${received} % ${hourMs}`;
/** `value` for a probe outside maintenance, else `otherwise`, of the row named `row` (NEW or none). */
const counted = (row: string, value: string, otherwise = '0') =>
  `CASE WHEN ${row}state = 'maintenance' THEN ${otherwise} ELSE ${value} END`;

const triggerStatement = `DROP TRIGGER IF EXISTS signals_1h_count;
CREATE TRIGGER signals_1h_count AFTER INSERT ON signals BEGIN
  INSERT INTO signals_1h (target, region, hour, checks, up, latency_sum, latency_max, maintenance)
  VALUES (NEW.target, NEW.region, ${hourOf('NEW.received')}, ${counted('NEW.', '1')},
    ${counted('NEW.', 'NEW.available')}, ${counted('NEW.', 'NEW.latency_ms')},
    ${counted('NEW.', 'NEW.latency_ms')}, ${counted('NEW.', '0', '1')})
  ON CONFLICT (target, hour, region) DO UPDATE SET
    checks = checks + excluded.checks, up = up + excluded.up,
    latency_sum = latency_sum + excluded.latency_sum,
    latency_max = max(latency_max, excluded.latency_max), maintenance = maintenance + excluded.maintenance;
END;`;

// A file written before the rollup existed, or before it left maintenance out: one pass over its
// signals fills it.
const rebuildStatement = `INSERT INTO signals_1h (target, region, hour, checks, up, latency_sum, latency_max, maintenance)
  SELECT target, region, ${hourOf('received')}, SUM(${counted('', '1')}), SUM(${counted('', 'available')}),
    SUM(${counted('', 'latency_ms')}), MAX(${counted('', 'latency_ms')}), SUM(${counted('', '0', '1')})
  FROM signals GROUP BY target, ${hourOf('received')}, region`;

/**
 * Creates the rollup table (filled from the signals already there) and its current trigger, in one
 * write transaction; the signals table must exist. A rollup table of an older shape (one that
 * counted maintenance as checks) is dropped and rebuilt; a current one is left as it is.
 */
export function ensureRollupTable(db: Database.Database): void {
  db.transaction(() => {
    const columns = new Set(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('signals_1h'));
    const current = rollupColumns.every((name) => columns.has(name));
    if (!current) {
      if (columns.size > 0) db.exec('DROP TABLE signals_1h');
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
    SUM(up) AS up, SUM(latency_sum) AS latencySum, MAX(latency_max) AS latencyMax,
    SUM(maintenance) AS maintenance
  FROM signals_1h
  WHERE target = @target AND hour >= @from AND hour < @to
    AND (@region IS NULL OR region = @region)
  GROUP BY start ORDER BY start`;

/** Drops the hours that lie wholly before `@before` (a partly pruned hour keeps its sums). */
export const pruneRollupsStatement = `DELETE FROM signals_1h WHERE hour + ${hourMs} <= @before`;

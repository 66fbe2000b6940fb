import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { silentLogger, type Logger } from '../log.ts';
import type { Signal } from '../signal.ts';
import { openSqliteFile } from './open-sqlite-file.ts';
import {
  ensureSignalsTable,
  fromSqliteRow,
  insertSignalStatement,
  sqliteColumnNames,
  toSqliteValues,
  type SqliteSignalRow,
} from './sqlite-signals-table.ts';
import { ensureStateChangesTable, prepareStateChanges } from './sqlite-state-changes.ts';
import type { Bucket, Store } from './store.ts';

// One chunk deletes in a few ms, so a prune of millions of rows never holds the event loop for long.
const pruneChunkRows = 10_000;
// Epoch ms count no leap seconds, so multiples of these are exactly UTC hour and day starts.
const bucketMs = { hour: 3_600_000, day: 86_400_000 } as const;

/** The embedded default store: signals in one SQLite file (WAL mode) under the data directory. */
export function createSqliteStore(options: { file: string; log?: Logger }): Required<Store> {
  const { file, log = silentLogger } = options;
  const db = openSqliteFile(file, (opened) => {
    ensureSignalsTable(opened);
    ensureStateChangesTable(opened);
  });
  const stateChanges = prepareStateChanges(db);
  const insert = db.prepare(insertSignalStatement);
  const insertAll = db.transaction((signals: readonly Signal[]) => {
    for (const signal of signals) insert.run(toSqliteValues(signal));
  });
  // A skip-scan of the primary key: one index seek per target, where SELECT DISTINCT reads every row.
  const listTargets = db
    .prepare(
      `WITH RECURSIVE targets(name) AS (
         SELECT MIN(target) FROM signals
         UNION ALL SELECT (SELECT MIN(target) FROM signals WHERE target > name) FROM targets WHERE name IS NOT NULL
       ) SELECT name FROM targets WHERE name IS NOT NULL`,
    )
    .pluck();
  // `region IS NULL` (no region asked for) matches every row; otherwise only that region's.
  const inRegion = '(@region IS NULL OR region = @region)';
  const selectNewest = db.prepare<
    [{ target: string; limit: number; region: string | null }],
    SqliteSignalRow
  >(
    `SELECT ${sqliteColumnNames} FROM signals WHERE target = @target AND ${inRegion}
     ORDER BY received DESC, region DESC LIMIT @limit`,
  );
  const readSignalsInSnapshot = db.transaction((limit: number, target?: string, region?: string) => {
    const targets = target === undefined ? (listTargets.all() as string[]) : [target];
    return targets.flatMap((name) =>
      selectNewest
        .all({ target: name, limit, region: region ?? null })
        .reverse()
        .map(fromSqliteRow),
    );
  });
  const selectRange = db.prepare<[{ from: number; to: number; region: string | null }], SqliteSignalRow>(
    `SELECT ${sqliteColumnNames} FROM signals WHERE received >= @from AND received < @to AND ${inRegion}
     ORDER BY received, target, region`,
  );
  const selectBuckets = db.prepare<
    [{ size: number; target: string; from: number; to: number; region: string | null }],
    Bucket
  >(
    `SELECT target, received - received % @size AS start, COUNT(*) AS checks, SUM(available) AS up,
            AVG(latency_ms) AS avgMs
     FROM signals WHERE target = @target AND received >= @from AND received < @to AND ${inRegion}
     GROUP BY start ORDER BY start`,
  );
  const deleteChunk = db.prepare<[number, number]>(
    `DELETE FROM signals WHERE (target, received, region) IN
       (SELECT target, received, region FROM signals WHERE received < ? ORDER BY received LIMIT ?)`,
  );

  let failure: string | undefined;
  /** Runs one synchronous database step, turning "closed" into a clear error and tracking health. */
  function guard<T>(operation: string, step: () => T): T {
    if (!db.open) throw new Error(`sqlite store is closed (${file}): ${operation} refused`);
    try {
      const result = step();
      failure = undefined;
      return result;
    } catch (error) {
      failure = `${operation} failed: ${(error as Error).message}`;
      log.error({ err: error, file, operation }, 'sqlite store: operation failed');
      throw error;
    }
  }

  log.debug({ file }, 'sqlite store: opened');
  return {
    async append(signals) {
      guard('append', () => insertAll(signals));
    },
    async readSignals({ limit, target, region }) {
      // SQLite reads LIMIT -1 as "no limit": a limit below 1 asks for nothing, so read nothing.
      return guard('readSignals', () =>
        limit >= 1 ? readSignalsInSnapshot(Math.floor(limit), target, region) : [],
      );
    },
    async readRange({ from, to, region }) {
      return guard('readRange', () =>
        selectRange.all({ from, to, region: region ?? null }).map(fromSqliteRow),
      );
    },
    async readBuckets({ from, to, size, region }) {
      // One target per statement, yielding between them: 90 days of every target in one statement
      // would hold the event loop for seconds, one target's walk of the primary key for milliseconds.
      const buckets: Bucket[] = [];
      for (const target of guard('readBuckets', () => listTargets.all() as string[])) {
        buckets.push(
          ...guard('readBuckets', () =>
            selectBuckets.all({ size: bucketMs[size], target, from, to, region: region ?? null }),
          ),
        );
        await yieldToEventLoop();
      }
      return buckets;
    },
    async appendStateChanges(changes) {
      guard('appendStateChanges', () => stateChanges.append(changes));
    },
    async readStateChanges(query) {
      return guard('readStateChanges', () => stateChanges.readRange(query));
    },
    async readLatestStateChanges(query) {
      return guard('readLatestStateChanges', () => stateChanges.readLatest(query));
    },
    async countFailedProbes(query) {
      return guard('countFailedProbes', () => stateChanges.countFailed(query));
    },
    async prune(before) {
      let removed = 0;
      for (;;) {
        const { changes } = guard('prune', () => deleteChunk.run(before, pruneChunkRows));
        removed += changes;
        if (changes < pruneChunkRows) return removed;
        await yieldToEventLoop();
      }
    },
    readiness() {
      if (!db.open) return { ready: false, detail: 'sqlite store is closed' };
      return failure === undefined ? { ready: true } : { ready: false, detail: failure };
    },
    async close() {
      if (db.open) db.close();
    },
  } satisfies Required<Store>;
}

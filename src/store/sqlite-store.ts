import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { silentLogger, type Logger } from '../log.ts';
import { errorFields } from '../repeated-failure-log.ts';
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
import {
  ensureRollupTable,
  hourMs,
  pruneRollupsStatement,
  selectRollupsStatement,
} from './sqlite-rollup-table.ts';
import { ensureStateChangesTable, prepareStateChanges } from './sqlite-state-changes.ts';
import type { Rollup, Store } from './store.ts';

// One chunk deletes in a few ms, so a prune of millions of rows never holds the event loop for long.
const pruneChunkRows = 10_000;
const bucketMs = { hour: hourMs, day: 24 * hourMs } as const;

/** The embedded default store: signals in one SQLite file (WAL mode) under the data directory. */
export function createSqliteStore(options: { file: string; log?: Logger }): Required<Store> {
  const { file, log = silentLogger } = options;
  const db = openSqliteFile(file, (opened) => {
    ensureSignalsTable(opened);
    ensureRollupTable(opened);
    ensureStateChangesTable(opened);
  });
  const stateChanges = prepareStateChanges(db);
  const insert = db.prepare(insertSignalStatement);
  const insertAll = db.transaction((signals: readonly Signal[]) => {
    for (const signal of signals) insert.run(toSqliteValues(signal));
  });
  // A skip-scan of the primary key: one index seek per target, where SELECT DISTINCT reads every row.
  const listTargetsOf = (table: string) =>
    db
      .prepare(
        `WITH RECURSIVE targets(name) AS (
           SELECT MIN(target) FROM ${table}
           UNION ALL SELECT (SELECT MIN(target) FROM ${table} WHERE target > name) FROM targets WHERE name IS NOT NULL
         ) SELECT name FROM targets WHERE name IS NOT NULL`,
      )
      .pluck();
  const listTargets = listTargetsOf('signals');
  const listRollupTargets = listTargetsOf('signals_1h');
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
  type RangeParameters = { from: number; to: number; region: string | null; limit: number };
  // SQLite reads LIMIT -1 as "no limit". One statement per shape, so each uses its own index.
  const selectRange = db.prepare<[RangeParameters], SqliteSignalRow>(
    `SELECT ${sqliteColumnNames} FROM signals WHERE received >= @from AND received < @to AND ${inRegion}
     ORDER BY received, target, region LIMIT @limit`,
  );
  const selectTargetRange = db.prepare<[RangeParameters & { target: string }], SqliteSignalRow>(
    `SELECT ${sqliteColumnNames} FROM signals
     WHERE target = @target AND received >= @from AND received < @to AND ${inRegion}
     ORDER BY received, region LIMIT @limit`,
  );
  const selectRollups = db.prepare<
    [{ size: number; target: string; from: number; to: number; region: string | null }],
    Rollup
  >(selectRollupsStatement);
  const pruneRollups = db.prepare<[{ before: number }]>(pruneRollupsStatement);
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
      // A refused append is logged once per outage by trackWrites, not once per signal here.
      if (operation !== 'append' && operation !== 'appendStateChanges')
        log.error({ ...errorFields(error), file, operation }, 'sqlite store: operation failed');
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
    async readRange({ from, to, target, region, limit }) {
      const parameters = { from, to, region: region ?? null, limit: limit === undefined ? -1 : limit };
      if (limit !== undefined && !(limit >= 1)) return [];
      return guard('readRange', () =>
        (target === undefined
          ? selectRange.all(parameters)
          : selectTargetRange.all({ ...parameters, target })
        ).map(fromSqliteRow),
      );
    },
    async readRollups({ from, to, size, target, region }) {
      // One target per statement, yielding between them: 90 days of 20,000 targets is 43 M rollup
      // rows, seconds in one statement; one target's walk of the primary key takes milliseconds.
      const targets =
        target === undefined ? guard('readRollups', () => listRollupTargets.all() as string[]) : [target];
      const rollups: Rollup[] = [];
      for (const name of targets) {
        const parameters = { size: bucketMs[size], target: name, from, to, region: region ?? null };
        rollups.push(...guard('readRollups', () => selectRollups.all(parameters)));
        if (targets.length > 1) await yieldToEventLoop();
      }
      return rollups;
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
        if (changes < pruneChunkRows) {
          guard('prune', () => {
            pruneRollups.run({ before });
            stateChanges.prune(before);
          });
          return removed;
        }
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

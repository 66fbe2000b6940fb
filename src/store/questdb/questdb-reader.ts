import { assembleSignal, signalColumnList } from '../../signal-columns.ts';
import type { Signal } from '../../signal.ts';
import type { RegionFilter, Rollup, RollupSize } from '../store.ts';
import { compareSignals, compareText } from '../signal-order.ts';
import { withTimeout, type QuestDbSql } from './pg-client.ts';
import { rollupViewName } from './questdb-rollup-view.ts';

/** A row of the signals table as the type-fixed client returns it: one value per column name. */
export type SignalRow = Record<string, unknown>;

/** A SAMPLE BY row of the rollup view: sums of LONG come back as strings, DOUBLEs as numbers. */
export interface RollupRow {
  received: Date;
  target: string;
  checks: string | number;
  up: string | number;
  latency_sum: string | number;
  latency_max: string | number;
  maintenance: string | number;
}

/**
 * A row back as a signal: TIMESTAMP arrives as a Date (or null); a non-null DOUBLE the encoder left
 * out (not finite) reads as NaN; any other absent value is null.
 */
export function toSignal(row: SignalRow): Signal {
  return assembleSignal(({ name, kind, nullable }) => {
    const value = row[name] ?? null;
    if (value instanceof Date) return value.getTime();
    return value === null && kind === 'double' && !nullable ? NaN : value;
  });
}

/** A SAMPLE BY row of the view as a rollup, its LONG sums converted from strings. */
export function toRollup(row: RollupRow): Rollup {
  return {
    target: row.target,
    start: row.received.getTime(),
    checks: Number(row.checks),
    up: Number(row.up),
    latencySum: Number(row.latency_sum),
    latencyMax: Number(row.latency_max),
    maintenance: Number(row.maintenance),
  };
}

const sampleUnits = { hour: '1h', day: '1d' } as const;

/**
 * The QuestDB store's queries, all parameterised over PG wire, each given at most `timeoutMs`.
 * Results are ordered here, with the SQLite store's rules, so both stores answer alike.
 */
export function createQuestDbReader(sql: QuestDbSql, table: string, timeoutMs: number) {
  const tableName = sql(table);
  const viewName = sql(rollupViewName(table));
  const columns = () => sql.unsafe(signalColumnList.map(({ name }) => name).join(', '));
  /** `AND region = $n` when a region is asked for, else nothing (`WHERE` to start a clause). */
  const inRegion = (region: string | undefined, keyword: 'AND' | 'WHERE' = 'AND') =>
    region === undefined ? sql`` : sql`${sql.unsafe(keyword)} region = ${region}`;

  async function readNewest(target: string, limit: number, region: string | undefined): Promise<Signal[]> {
    // Ordered by the designated timestamp alone, QuestDB scans backwards and stops after `limit`
    // rows; the limit is a validated integer literal, not a parameter.
    const rows = await withTimeout(
      sql<SignalRow[]>`SELECT ${columns()} FROM ${tableName} WHERE target = ${target} ${inRegion(region)}
                       ORDER BY received DESC LIMIT ${sql.unsafe(String(limit))}`,
      timeoutMs,
    );
    return rows.map(toSignal).sort((a, b) => a.received - b.received || compareText(a.region, b.region));
  }

  return {
    /** Per target (in name order), its newest `limit` signals, oldest first: one short query per target. */
    async readSignals({
      limit,
      target,
      region,
    }: { limit: number; target?: string } & RegionFilter): Promise<Signal[]> {
      if (!(limit >= 1)) return [];
      const targets =
        target === undefined
          ? (
              await withTimeout(
                sql<
                  { target: string | null }[]
                >`SELECT DISTINCT target FROM ${tableName} ${inRegion(region, 'WHERE')}`,
                timeoutMs,
              )
            )
              .flatMap((row) => (row.target === null ? [] : [row.target]))
              .sort(compareText)
          : [target];
      const groups = await Promise.all(targets.map((name) => readNewest(name, Math.floor(limit), region)));
      return groups.flat();
    },

    /**
     * Signals with `from <= received < to`, oldest first, ties by target then region. With a
     * limit, QuestDB's `LIMIT` may cut through rows sharing the last timestamp in any order, so
     * that timestamp's rows are read whole and the sorted result cut here instead.
     */
    async readRange(
      query: { from: number; to: number; target?: string; limit?: number } & RegionFilter,
    ): Promise<Signal[]> {
      const { limit } = query;
      if (limit !== undefined && !(limit >= 1)) return [];
      const select = (bounds: ReturnType<typeof sql>, tail: ReturnType<typeof sql>) =>
        withTimeout(
          sql<SignalRow[]>`SELECT ${columns()} FROM ${tableName} WHERE ${bounds}
                           ${query.target === undefined ? sql`` : sql`AND target = ${query.target}`}
                           ${inRegion(query.region)} ${tail}`,
          timeoutMs,
        ).then((rows) => rows.map(toSignal));
      const rows = await select(
        sql`received >= ${new Date(query.from)} AND received < ${new Date(query.to)}`,
        limit === undefined
          ? sql`ORDER BY received`
          : sql`ORDER BY received LIMIT ${sql.unsafe(String(Math.floor(limit)))}`,
      );
      if (limit === undefined || rows.length < limit) return rows.sort(compareSignals);
      const last = rows[rows.length - 1]!.received;
      const tied = await select(sql`received = ${new Date(last)}`, sql``);
      return [...rows.filter((row) => row.received < last), ...tied].sort(compareSignals).slice(0, limit);
    },

    /**
     * From the hourly view: per target and UTC hour or day, non-empty buckets only. SAMPLE BY ...
     * FROM/TO (which would fill gaps) is not supported on a query keyed by target, and the Store
     * contract wants no empty buckets anyway; ALIGN TO CALENDAR without a zone starts buckets at
     * UTC boundaries. Sums of sums: exact, since the view is refreshed from the deduplicated table.
     */
    async readRollups(
      query: { from: number; to: number; size: RollupSize; target?: string } & RegionFilter,
    ): Promise<Rollup[]> {
      const rows = await withTimeout(
        sql<RollupRow[]>`SELECT received, target, sum(checks) checks, sum(up) up,
                                sum(latency_sum) latency_sum, max(latency_max) latency_max,
                                sum(maintenance) maintenance
                         FROM ${viewName} WHERE received >= ${new Date(query.from)} AND received < ${new Date(query.to)}
                         ${query.target === undefined ? sql`` : sql`AND target = ${query.target}`}
                         ${inRegion(query.region)}
                         SAMPLE BY ${sql.unsafe(sampleUnits[query.size])} ALIGN TO CALENDAR`,
        timeoutMs,
      );
      return rows.map(toRollup).sort((a, b) => compareText(a.target, b.target) || a.start - b.start);
    },

    /**
     * The keys QuestDB holds in `table` (the signals table or the state changes beside it) for
     * `region` with `from <= received <= to`: the outbox's confirmation.
     */
    async readKeys(query: {
      table: string;
      region: string;
      from: number;
      to: number;
    }): Promise<{ target: string; received: number }[]> {
      const rows = await withTimeout(
        sql<{ target: string; received: Date }[]>`SELECT target, received FROM ${sql(query.table)}
          WHERE region = ${query.region} AND received >= ${new Date(query.from)} AND received <= ${new Date(query.to)}`,
        timeoutMs,
      );
      return rows.map((row) => ({ target: row.target, received: row.received.getTime() }));
    },
  };
}

import { assembleSignal, signalColumnList } from '../../signal-columns.ts';
import type { Signal } from '../../signal.ts';
import type { Bucket, RegionFilter } from '../store.ts';
import { withTimeout, type QuestDbSql } from './pg-client.ts';

/** A row of the signals table as the type-fixed client returns it: one value per column name. */
export type SignalRow = Record<string, unknown>;

/** A SAMPLE BY row: counts come back as strings (LONG), the average as a number or null. */
export interface BucketRow {
  received: Date;
  target: string;
  checks: string | number;
  up: string | number;
  avg_ms: number | null;
}

/**
 * A row back as a signal: TIMESTAMP arrives as a Date; a non-null DOUBLE the encoder left out (not
 * finite) reads as NaN; any other absent value is null.
 */
export function toSignal(row: SignalRow): Signal {
  return assembleSignal(({ name, kind, nullable }) => {
    const value = row[name] ?? null;
    if (kind === 'timestamp') return (value as Date).getTime();
    return value === null && kind === 'double' && !nullable ? NaN : value;
  });
}

/** A SAMPLE BY row as a bucket, its LONG counts converted from strings. */
export function toBucket(row: BucketRow): Bucket {
  return {
    target: row.target,
    start: row.received.getTime(),
    checks: Number(row.checks),
    up: Number(row.up),
    avgMs: row.avg_ms === null ? null : Number(row.avg_ms),
  };
}

/**
 * Orders text by code point, which is the byte order of its UTF-8 and so the SQLite store's
 * order; plain `<` compares UTF-16 units and puts astral characters before U+E000..U+FFFF.
 */
export function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = a.codePointAt(i)! - b.codePointAt(i)!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Signals in time order, ties broken by target then region, as the SQLite store returns them. */
export function compareSignals(a: Signal, b: Signal): number {
  return a.received - b.received || compareText(a.target, b.target) || compareText(a.region, b.region);
}

const sampleUnits = { hour: '1h', day: '1d' } as const;

/**
 * The QuestDB store's queries, all parameterised over PG wire, each given at most `timeoutMs`.
 * Results are ordered here, with the SQLite store's rules, so both stores answer alike.
 */
export function createQuestDbReader(sql: QuestDbSql, table: string, timeoutMs: number) {
  const tableName = sql(table);
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

    /** Every signal with `from <= received < to`, oldest first. */
    async readRange(query: { from: number; to: number } & RegionFilter): Promise<Signal[]> {
      const rows = await withTimeout(
        sql<SignalRow[]>`SELECT ${columns()} FROM ${tableName}
                         WHERE received >= ${new Date(query.from)} AND received < ${new Date(query.to)} ${inRegion(query.region)}
                         ORDER BY received`,
        timeoutMs,
      );
      return rows.map(toSignal).sort(compareSignals);
    },

    /**
     * Per target and UTC hour or day, non-empty buckets only. SAMPLE BY ... FROM/TO (which would
     * fill gaps) is not supported on a query keyed by target, and the Store contract wants no
     * empty buckets anyway; ALIGN TO CALENDAR without a zone starts buckets at UTC boundaries.
     */
    async readBuckets(
      query: { from: number; to: number; size: 'hour' | 'day' } & RegionFilter,
    ): Promise<Bucket[]> {
      const rows = await withTimeout(
        sql<
          BucketRow[]
        >`SELECT received, target, count() checks, sum(CASE WHEN available THEN 1 ELSE 0 END) up,
                                avg(latency_ms) avg_ms
                         FROM ${tableName} WHERE received >= ${new Date(query.from)} AND received < ${new Date(query.to)}
                         ${inRegion(query.region)}
                         SAMPLE BY ${sql.unsafe(sampleUnits[query.size])} ALIGN TO CALENDAR`,
        timeoutMs,
      );
      return rows.map(toBucket).sort((a, b) => compareText(a.target, b.target) || a.start - b.start);
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

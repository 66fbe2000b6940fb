import type { StateChange } from '../../incidents/state-change.ts';
import type { RegionFilter } from '../store.ts';
import { withTimeout, type QuestDbSql } from './pg-client.ts';
import { compareText } from '../signal-order.ts';
import { stateChangeColumns, toStateChange, type QuestDbStateChangeRow } from './state-changes-table.ts';

/** State changes in the SQLite store's order: time, then target, then region. */
function compareChanges(a: StateChange, b: StateChange): number {
  return a.received - b.received || compareText(a.target, b.target) || compareText(a.region, b.region);
}

/**
 * The QuestDB store's incident queries: state changes from `changesTable`, failed probes counted
 * in `signalsTable`. Parameterised over PG wire, each given at most `timeoutMs`.
 */
export function createQuestDbStateChangeReader(
  sql: QuestDbSql,
  tables: { signalsTable: string; changesTable: string },
  timeoutMs: number,
) {
  const changes = sql(tables.changesTable);
  const signals = sql(tables.signalsTable);
  const columns = sql.unsafe(stateChangeColumns);
  const filters = (query: { target?: string } & RegionFilter) =>
    sql`${query.target === undefined ? sql`` : sql`AND target = ${query.target}`}
        ${query.region === undefined ? sql`` : sql`AND region = ${query.region}`}`;

  return {
    async readStateChanges(
      query: { from: number; to: number; target?: string } & RegionFilter,
    ): Promise<StateChange[]> {
      const rows = await withTimeout(
        sql<QuestDbStateChangeRow[]>`SELECT ${columns} FROM ${changes}
          WHERE received >= ${new Date(query.from)} AND received < ${new Date(query.to)} ${filters(query)}`,
        timeoutMs,
      );
      return rows.map(toStateChange).sort(compareChanges);
    },

    async readLatestStateChanges(
      query: { before: number; target?: string } & RegionFilter,
    ): Promise<StateChange[]> {
      const rows = await withTimeout(
        sql<QuestDbStateChangeRow[]>`SELECT ${columns} FROM ${changes}
          WHERE received < ${new Date(query.before)} ${filters(query)}
          LATEST ON received PARTITION BY target, region`,
        timeoutMs,
      );
      return rows
        .map(toStateChange)
        .sort((a, b) => compareText(a.target, b.target) || compareText(a.region, b.region));
    },

    async countFailedProbes(query: {
      target: string;
      region: string;
      from: number;
      to: number;
    }): Promise<number> {
      const [row] = await withTimeout(
        sql<{ failed: string | number }[]>`SELECT count() failed FROM ${signals}
          WHERE target = ${query.target} AND region = ${query.region}
          AND received >= ${new Date(query.from)} AND received < ${new Date(query.to)} AND reason IS NOT NULL`,
        timeoutMs,
      );
      return Number(row?.failed ?? 0);
    },
  };
}

import { setTimeout as sleep } from 'node:timers/promises';
import { withTimeout, type QuestDbSql } from './pg-client.ts';

const dayMs = 86_400_000;
const pollMs = 250; // QuestDB applies WAL work within about a second
// How long prune waits for the drop to show in reads; QuestDB finishes it later regardless.
const appliedWithinMs = 30_000;

/** The start of the UTC day holding `epochMs`: the newest cutoff that drops only whole DAY partitions. */
export function startOfUtcDay(epochMs: number): number {
  return Math.floor(epochMs / dayMs) * dayMs;
}

/**
 * Deletes history older than `before` the only way QuestDB can: by dropping whole day partitions,
 * so rows from the start of `before`'s UTC day onwards stay (the count is approximate in that
 * sense). The table may be shared by several regions; their old rows go too, as retention is the
 * table's. Waits until reads no longer see the dropped rows (DROP PARTITION on a WAL table is
 * applied asynchronously) and resolves to how many rows went.
 */
export async function dropPartitionsBefore(
  sql: QuestDbSql,
  table: string,
  before: number,
  timeoutMs: number,
): Promise<number> {
  const cutoff = new Date(startOfUtcDay(before));
  const countOlder = async () =>
    Number(
      (
        await withTimeout(
          sql<{ older: string }[]>`SELECT count() older FROM ${sql(table)} WHERE received < ${cutoff}`,
          timeoutMs,
        )
      )[0]?.older ?? 0,
    );
  const rows = await countOlder();
  if (rows === 0) return 0;
  // One literal statement: bind parameters in DDL are not among the verified QuestDB facts, and a
  // literal built from a Date cannot carry anything else.
  await withTimeout(
    sql.unsafe(`ALTER TABLE ${table} DROP PARTITION WHERE received < '${cutoff.toISOString()}'`),
    timeoutMs,
  );
  for (const started = Date.now(); Date.now() - started < appliedWithinMs; await sleep(pollMs)) {
    if ((await countOlder()) === 0) break;
  }
  return rows;
}

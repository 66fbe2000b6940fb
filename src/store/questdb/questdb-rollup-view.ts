/** The hourly rollup of a signals table: its name, statements and upkeep at start-up (QUESTDB.md). */

/** The view's name: the table's with `_1h`. */
export function rollupViewName(table: string): string {
  return `${table}_1h`;
}

/**
 * The view's query over `table`: QUESTDB.md's verified one, except that a probe in maintenance
 * counts only in `maintenance` (neither up nor down, the SLA convention) and adds 0 to the latency
 * sum and max. Every aggregate is a sum or max of a CASE, as the verified `up` is; branches of one
 * type (no NULL literal) so none needs a cast.
 */
export function rollupViewQuery(table: string): string {
  return `SELECT received, target, region,
         sum(CASE WHEN state = 'maintenance' THEN 0 ELSE 1 END) checks,
         sum(CASE WHEN state = 'maintenance' THEN 0 WHEN available THEN 1 ELSE 0 END) up,
         sum(CASE WHEN state = 'maintenance' THEN 0.0 ELSE latency_ms END) latency_sum,
         max(CASE WHEN state = 'maintenance' THEN 0.0 ELSE latency_ms END) latency_max,
         sum(CASE WHEN state = 'maintenance' THEN 1 ELSE 0 END) maintenance
  FROM ${table} SAMPLE BY 1h`;
}

/**
 * Creates the view if missing. QuestDB refreshes it itself as rows commit (`immediate`), from the
 * deduplicated table, so a replayed row counts once.
 */
export function createRollupViewStatement(table: string): string {
  return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${rollupViewName(table)} AS (
  ${rollupViewQuery(table)}
) PARTITION BY DAY`;
}

/** Gives the view the table's retention. */
export function setRollupTtlStatement(table: string, ttlDays: number): string {
  return `ALTER MATERIALIZED VIEW ${rollupViewName(table)} SET TTL ${ttlDays} DAYS`;
}

/** One row of `materialized_views()`; `view_sql` is the query the view was created with. */
type ViewRow = Readonly<Record<string, unknown>>;

/** Text compared without its layout: QuestDB may keep the query with other spacing. */
const normalize = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * What to do with the existing view: `create` when there is none, `replace` when it was created
 * from another query (an older upbeat's), `refresh` when QuestDB marked it invalid (a full
 * refresh makes it valid again), else `keep`.
 */
export function planRollupView(
  table: string,
  existing: ViewRow | undefined,
): 'create' | 'replace' | 'refresh' | 'keep' {
  if (!existing) return 'create';
  const definition = existing.view_sql;
  if (typeof definition === 'string' && normalize(definition) !== normalize(rollupViewQuery(table)))
    return 'replace';
  return existing.view_status === 'invalid' ? 'refresh' : 'keep';
}

/**
 * Makes the rollup view of `table` current: created, replaced or refreshed as planRollupView says,
 * then given `ttlDays`. Like the table's, a TTL the server refuses is reported, not fatal.
 * Resolves to what was done and that TTL problem.
 */
export async function ensureRollupView(
  run: (statement: string) => Promise<readonly Record<string, unknown>[]>,
  table: string,
  ttlDays: number,
): Promise<{ action: ReturnType<typeof planRollupView>; ttlProblem?: string }> {
  const view = rollupViewName(table);
  const [existing] = await run(`SELECT * FROM materialized_views() WHERE view_name = '${view}'`);
  const action = planRollupView(table, existing);
  if (action === 'replace') await run(`DROP MATERIALIZED VIEW IF EXISTS ${view}`);
  if (action === 'refresh') await run(`REFRESH MATERIALIZED VIEW ${view} FULL`);
  if (action === 'create' || action === 'replace') await run(createRollupViewStatement(table));
  try {
    await run(setRollupTtlStatement(table, ttlDays));
    return { action };
  } catch (error) {
    return { action, ttlProblem: error instanceof Error ? error.message : String(error) };
  }
}

import { checkTableName } from '../../config/questdb-table-name.ts';
import { columnKinds, signalColumnList } from '../../signal-columns.ts';

/** The table's columns, in order, with their QuestDB types (from signal-columns.ts). */
export const questDbColumns = signalColumnList.map(({ name, kind }) => ({
  name,
  type: columnKinds[kind].questdb,
  /** Types an existing table may have that ILP still writes our values into. */
  accepts: [columnKinds[kind].questdb, ...columnKinds[kind].questdbAlso] as readonly string[],
}));

/** Refuses a table name that would need quoting or escaping anywhere it goes. */
export function assertTableName(table: string): void {
  const problem = checkTableName(table);
  if (problem) throw new Error(`questdb.table: ${JSON.stringify(table)}: ${problem}`);
}

/**
 * The CREATE TABLE verified on QuestDB 9.3.2 (QUESTDB.md) with every column of the table, for the
 * configured name, keeping `ttlDays` of history (whole days: TTL must be a whole number of
 * partitions). Created up front because an ILP-created table would name its timestamp
 * `timestamp` and have no TTL or DEDUP.
 */
export function createTableStatement(table: string, ttlDays: number): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  ${questDbColumns.map(({ name, type }) => `${name} ${type}`).join(', ')}
) TIMESTAMP(received) PARTITION BY DAY TTL ${ttlDays} DAYS WAL
  DEDUP UPSERT KEYS(received, target, region);`;
}

/** Sets an existing table's TTL (QuestDB 8.2+: `ALTER TABLE t SET TTL n DAYS`). */
export function setTtlStatement(table: string, ttlDays: number): string {
  return `ALTER TABLE ${table} SET TTL ${ttlDays} DAYS`;
}

/**
 * Compares an existing table's columns with ours: which to add, and which have a type ILP cannot
 * fill (writing anyway would make QuestDB drop the connection on every batch).
 */
export function planColumns(existing: readonly { column: string; type: string }[]) {
  const found = new Map(existing.map(({ column, type }) => [column.toLowerCase(), type.toUpperCase()]));
  const add = questDbColumns.filter(({ name }) => !found.has(name));
  const conflicts = questDbColumns.flatMap(({ name, type, accepts }) => {
    const actual = found.get(name);
    return actual === undefined || accepts.includes(actual) ? [] : [`${name} is ${actual}, not ${type}`];
  });
  return { add, conflicts };
}

/**
 * Creates the table if missing, adds any column an older table lacks, and sets its TTL to
 * `ttlDays` (a table created earlier, or by an instance with another retention, keeps the newest
 * setting). Reads the columns first because `ADD COLUMN IF NOT EXISTS` on an existing column is an
 * error on WAL tables. A TTL the server refuses is reported, not fatal: rows still flow, only
 * expiry is off. Resolves to the columns added and that TTL problem.
 */
export async function ensureSchema(
  run: (statement: string) => Promise<readonly Record<string, unknown>[]>,
  table: string,
  ttlDays: number,
): Promise<{ added: string[]; ttlProblem?: string }> {
  assertTableName(table);
  await run(createTableStatement(table, ttlDays));
  const existing = await run(`SELECT "column", type FROM table_columns('${table}')`);
  const { add, conflicts } = planColumns(
    existing.map((row) => ({ column: String(row.column), type: String(row.type) })),
  );
  if (conflicts.length > 0) {
    throw new Error(
      `questdb: table ${table} has ${conflicts.join('; ')}; point questdb.table at a new table`,
    );
  }
  for (const { name, type } of add) await run(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
  const added = add.map(({ name }) => name);
  try {
    await run(setTtlStatement(table, ttlDays));
    return { added };
  } catch (error) {
    return { added, ttlProblem: error instanceof Error ? error.message : String(error) };
  }
}

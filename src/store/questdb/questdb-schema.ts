/** The table's columns, in order: the tutorial's names, plus what upbeat added since. */
export const signalColumns = [
  { name: 'received', type: 'TIMESTAMP' },
  { name: 'target', type: 'SYMBOL' },
  { name: 'region', type: 'SYMBOL' },
  { name: 'url', type: 'VARCHAR' },
  { name: 'http_status', type: 'INT' },
  { name: 'available', type: 'BOOLEAN' },
  { name: 'state', type: 'SYMBOL' },
  { name: 'latency_ms', type: 'DOUBLE' },
  { name: 'reason', type: 'VARCHAR' },
  { name: 'dns_ms', type: 'DOUBLE' },
  { name: 'connect_ms', type: 'DOUBLE' },
  { name: 'tls_ms', type: 'DOUBLE' },
  { name: 'first_byte_ms', type: 'DOUBLE' },
] as const;

type ColumnName = (typeof signalColumns)[number]['name'];

/** Types an existing table may have that ILP still writes our values into. */
const compatibleTypes: Record<ColumnName, readonly string[]> = {
  received: ['TIMESTAMP'],
  target: ['SYMBOL'],
  region: ['SYMBOL'],
  url: ['VARCHAR', 'STRING'],
  http_status: ['INT', 'LONG'],
  available: ['BOOLEAN'],
  state: ['SYMBOL'],
  latency_ms: ['DOUBLE'],
  reason: ['VARCHAR', 'STRING'],
  dns_ms: ['DOUBLE'],
  connect_ms: ['DOUBLE'],
  tls_ms: ['DOUBLE'],
  first_byte_ms: ['DOUBLE'],
};

// QuestDB's longest table name is 127 characters; the name also goes unquoted into ILP and SQL.
const tableNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,126}$/;

/** Refuses a table name that would need quoting or escaping anywhere it goes. */
export function assertTableName(table: string): void {
  if (!tableNamePattern.test(table)) {
    throw new Error(
      `questdb.table: ${JSON.stringify(table)} must be letters, digits and _ (not starting with a digit)`,
    );
  }
}

/**
 * The CREATE TABLE verified on QuestDB 9.3.2 (QUESTDB.md) plus the phase columns (plain DOUBLEs,
 * like latency_ms), for the configured name. Created up front because an ILP-created table would
 * name its timestamp `timestamp` and have no TTL or DEDUP.
 */
export function createTableStatement(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  received TIMESTAMP, target SYMBOL, region SYMBOL, url VARCHAR,
  http_status INT, available BOOLEAN, state SYMBOL, latency_ms DOUBLE, reason VARCHAR,
  dns_ms DOUBLE, connect_ms DOUBLE, tls_ms DOUBLE, first_byte_ms DOUBLE
) TIMESTAMP(received) PARTITION BY DAY TTL 400 DAYS WAL
  DEDUP UPSERT KEYS(received, target, region);`;
}

/**
 * Compares an existing table's columns with ours: which to add, and which have a type ILP cannot
 * fill (writing anyway would make QuestDB drop the connection on every batch).
 */
export function planColumns(existing: readonly { column: string; type: string }[]) {
  const found = new Map(existing.map(({ column, type }) => [column.toLowerCase(), type.toUpperCase()]));
  const add = signalColumns.filter(({ name }) => !found.has(name));
  const conflicts = signalColumns.flatMap(({ name, type }) => {
    const actual = found.get(name);
    return actual === undefined || compatibleTypes[name].includes(actual)
      ? []
      : [`${name} is ${actual}, not ${type}`];
  });
  return { add, conflicts };
}

/**
 * Creates the table if missing, then adds any column an older table lacks. Reads the columns
 * first because `ADD COLUMN IF NOT EXISTS` on an existing column is an error on WAL tables.
 * Resolves to the names of the columns added.
 */
export async function ensureSchema(
  run: (statement: string) => Promise<readonly Record<string, unknown>[]>,
  table: string,
): Promise<string[]> {
  assertTableName(table);
  await run(createTableStatement(table));
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
  return add.map(({ name }) => name);
}

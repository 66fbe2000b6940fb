import type { QuestDbConfig } from './config.ts';
import { configDefaults } from './defaults.ts';
import { describeValue, joinPath, readInteger, readMapping } from './read-fields.ts';
import { parseIlpConfig } from './ilp-config.ts';
import { checkTableName } from './questdb-table-name.ts';

const questDbKeys = ['ilp', 'pg', 'table', 'outboxMaxRows'];

/** Which environment variable overrides each `questdb:` key. */
const envNames = {
  ilp: 'UPBEAT_QUESTDB_ILP',
  pg: 'UPBEAT_QUESTDB_PG',
  table: 'UPBEAT_QUESTDB_TABLE',
  outboxMaxRows: 'UPBEAT_OUTBOX_MAX_ROWS',
} as const;

/**
 * QuestDB settings from the file's `questdb:` block (`block`, undefined when absent) with environment
 * variables taking precedence; undefined when QuestDB is not configured or a setting is wrong.
 * `env` holds only variables with a non-empty value.
 */
export function readQuestDbConfig(
  block: unknown,
  env: Record<string, string | undefined>,
  errors: string[],
): QuestDbConfig | undefined {
  if (block === undefined && env[envNames.ilp] === undefined) {
    for (const name of [envNames.pg, envNames.table, envNames.outboxMaxRows]) {
      if (env[name] !== undefined)
        errors.push(`${name}: has no effect without ${envNames.ilp} or a questdb: block`);
    }
    return undefined;
  }
  const errorCountBefore = errors.length;
  const fromFile = block === undefined ? {} : readMapping(block, 'questdb', questDbKeys, errors);
  if (!fromFile) return undefined;
  // Each setting with the name to blame in an error: the variable when it is set, else the file key.
  const pick = (key: keyof typeof envNames) =>
    env[envNames[key]] !== undefined
      ? { value: env[envNames[key]], path: envNames[key] }
      : { value: fromFile[key], path: joinPath('questdb', key) };

  const ilp = pick('ilp');
  const address = ilp.value === undefined ? undefined : readIlpAddress(ilp.value, ilp.path, errors);
  if (ilp.value === undefined) errors.push(`questdb.ilp: required (or set ${envNames.ilp})`);

  const pg = pick('pg');
  if (pg.value !== undefined) checkPostgresUrl(pg.value, pg.path, errors);

  const table = pick('table');
  const tableProblem = table.value === undefined ? undefined : checkTableName(table.value);
  if (tableProblem) errors.push(`${table.path}: ${tableProblem}, got ${describeValue(table.value)}`);

  const rows = pick('outboxMaxRows');
  const outboxMaxRows =
    rows.value === undefined ? undefined : readInteger(rows.value, rows.path, { min: 1 }, errors);

  if (errors.length > errorCountBefore || !address) return undefined;
  const { pgCredentials, pgPort, pgDatabase } = configDefaults.questdb;
  return {
    ilp: String(ilp.value).trim(),
    pg:
      pg.value === undefined
        ? `postgres://${pgCredentials}@${address.host.includes(':') ? `[${address.host}]` : address.host}:${pgPort}/${pgDatabase}`
        : String(pg.value).trim(),
    table: table.value === undefined ? configDefaults.questdb.table : String(table.value),
    outboxMaxRows: outboxMaxRows ?? configDefaults.questdb.outboxMaxRows,
  };
}

/**
 * The host of a QuestDB client config string such as `tcp::addr=localhost:9009;`, checked by the
 * same parser the QuestDB store uses, so what passes here is what the store can do.
 */
function readIlpAddress(value: unknown, path: string, errors: string[]): { host: string } | undefined {
  if (typeof value !== 'string') {
    errors.push(
      `${path}: expected a QuestDB client config like "tcp::addr=localhost:9009;", got ${describeValue(value)}`,
    );
    return undefined;
  }
  try {
    return { host: parseIlpConfig(value.trim()).host };
  } catch (error) {
    errors.push(`${path}: ${(error as Error).message}`);
    return undefined;
  }
}

function checkPostgresUrl(value: unknown, path: string, errors: string[]): void {
  const text = typeof value === 'string' ? value.trim() : '';
  const protocol = URL.canParse(text) ? new URL(text).protocol : '';
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    errors.push(`${path}: expected a postgres:// URL, got ${describeValue(value)}`);
  }
}

import type { QuestDbConfig } from './config.ts';
import { configDefaults } from './defaults.ts';
import { describeValue, joinPath, readInteger, readMapping } from './read-fields.ts';

const questDbKeys = ['ilp', 'pg', 'table', 'outboxMaxRows'];
const ilpSchemes = ['tcp', 'tcps', 'http', 'https'];
// The table name is spliced into SQL, so only plain identifiers are allowed.
const tableNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

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
  if (table.value !== undefined && (typeof table.value !== 'string' || !tableNamePattern.test(table.value))) {
    errors.push(
      `${table.path}: expected a table name of letters, digits and underscores, not starting with a digit, got ${describeValue(table.value)}`,
    );
  }

  const rows = pick('outboxMaxRows');
  const outboxMaxRows =
    rows.value === undefined ? undefined : readInteger(rows.value, rows.path, { min: 1 }, errors);

  if (errors.length > errorCountBefore || !address) return undefined;
  const { pgCredentials, pgPort, pgDatabase } = configDefaults.questdb;
  return {
    ilp: String(ilp.value).trim(),
    pg:
      pg.value === undefined
        ? `postgres://${pgCredentials}@${address.host}:${pgPort}/${pgDatabase}`
        : String(pg.value).trim(),
    table: table.value === undefined ? configDefaults.questdb.table : String(table.value),
    outboxMaxRows: outboxMaxRows ?? configDefaults.questdb.outboxMaxRows,
  };
}

/** The host and port in a QuestDB client config string such as `tcp::addr=localhost:9009;`. */
function readIlpAddress(
  value: unknown,
  path: string,
  errors: string[],
): { host: string; port: number } | undefined {
  const match = typeof value === 'string' ? /^([a-z]+)::(.*)$/s.exec(value.trim()) : null;
  if (!match) {
    errors.push(
      `${path}: expected a QuestDB client config like "tcp::addr=localhost:9009;", got ${describeValue(value)}`,
    );
    return undefined;
  }
  const [, scheme = '', parameters = ''] = match;
  if (!ilpSchemes.includes(scheme)) {
    errors.push(`${path}: scheme must be one of ${ilpSchemes.join(', ')}, got ${describeValue(scheme)}`);
    return undefined;
  }
  const addr = readIlpParameters(parameters).get('addr') ?? '';
  const hostAndPort = /^(.+):(\d{1,5})$/.exec(addr);
  const port = Number(hostAndPort?.[2]);
  // Port 0 means "any free port" when listening; a client cannot connect to it.
  if (!hostAndPort?.[1] || port < 1 || port > 65535) {
    errors.push(`${path}: needs addr=host:port, got ${describeValue(value)}`);
    return undefined;
  }
  return { host: hostAndPort[1], port };
}

/** `key=value;` pairs; QuestDB escapes a `;` inside a value by doubling it. */
function readIlpParameters(text: string): Map<string, string> {
  const pairs = text.matchAll(/([^=;]+)=((?:[^;]|;;)*);?/g);
  return new Map([...pairs].map(([, key = '', value = '']) => [key.trim(), value.replaceAll(';;', ';')]));
}

function checkPostgresUrl(value: unknown, path: string, errors: string[]): void {
  const text = typeof value === 'string' ? value.trim() : '';
  const protocol = URL.canParse(text) ? new URL(text).protocol : '';
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    errors.push(`${path}: expected a postgres:// URL, got ${describeValue(value)}`);
  }
}

import postgres from 'postgres';
import { silentLogger, type Logger } from '../../log.ts';

// Postgres type OIDs QuestDB uses on the wire.
const booleanOid = 16;
const timestampOid = 1114;

/** Boolean parameters as QuestDB reads them: postgres' default sends `t`, which QuestDB takes for false. */
export function serializeBoolean(value: unknown): string {
  return value === true ? 'true' : 'false';
}

/** Boolean results, in either spelling a server may send. */
export function parseBoolean(text: string): boolean {
  return text === 't' || text === 'true';
}

/**
 * QuestDB's TIMESTAMP text (OID 1114) is UTC without a zone, like `2026-11-27 10:00:00.123456`;
 * postgres' default parser reads it as local time, shifting results by the machine's UTC offset.
 * Digits past the millisecond are dropped (signals carry epoch ms).
 */
export function parseUtcTimestamp(text: string): Date {
  const match = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(text);
  if (!match) return new Date(text); // carries its own zone, or is not a plain timestamp at all
  const [, date, time, fraction = ''] = match;
  return new Date(`${date}T${time}.${fraction.padEnd(3, '0').slice(0, 3)}Z`);
}

/** The type overrides every QuestDB client needs (see QUESTDB.md). */
export const questDbTypes = {
  boolean: { to: booleanOid, from: [booleanOid], serialize: serializeBoolean, parse: parseBoolean },
  timestamp: {
    to: timestampOid,
    from: [timestampOid],
    serialize: (value: Date | number | string) =>
      (value instanceof Date ? value : new Date(value)).toISOString(),
    parse: parseUtcTimestamp,
  },
} satisfies Record<string, postgres.PostgresType>;

/** A postgres client for QuestDB. */
export type QuestDbSql = postgres.Sql<{ boolean: boolean; timestamp: Date }>;

/** A small pool of PG-wire connections to QuestDB with the type fixes applied. Connects lazily. */
export function createQuestDbSql(url: string, options: { log?: Logger } = {}): QuestDbSql {
  const log = options.log ?? silentLogger;
  return postgres(url, {
    // Reads are few and short (API reads, outbox confirmation, start-up DDL); QuestDB runs each
    // query on its own worker pool, so more connections would only queue there.
    max: 3,
    connect_timeout: 10, // seconds: a reachable QuestDB answers in milliseconds
    idle_timeout: 60, // seconds: let a quiet instance hold no connections
    types: questDbTypes,
    onnotice: (notice) => log.debug({ notice }, 'questdb notice'),
  });
}

/**
 * Awaits a query for at most `timeoutMs`, then cancels it and rejects. Done on the client because
 * only postgres' default connection options are verified against QuestDB (QUESTDB.md), not a
 * `statement_timeout` connection parameter.
 */
export async function withTimeout<T>(query: Promise<T> & { cancel(): void }, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      query.cancel();
      reject(new Error(`questdb: query took longer than ${timeoutMs} ms and was cancelled`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([query, expired]);
  } finally {
    clearTimeout(timer);
  }
}

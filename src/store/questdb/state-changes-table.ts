import type { StateChange, StateChangeRow } from '../../incidents/state-change.ts';
import { escapeString, escapeSymbol, toNanoseconds } from './ilp-encode.ts';

/** The state changes live beside the signals table, named after it so two configured tables never share one. */
export function stateChangesTableName(signalsTable: string): string {
  return `${signalsTable}_state_changes`;
}

/**
 * Same engine settings as the signals table (QUESTDB.md): created up front so ILP cannot create it
 * without DEDUP, and deduplicated on the row's identity so a resend from the outbox is harmless.
 * Daily partitions keep TTL a whole number of partitions; a day without changes has none.
 */
export function createStateChangesStatement(table: string, ttlDays: number): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  received TIMESTAMP, target SYMBOL, region SYMBOL, from_state SYMBOL, to_state SYMBOL,
  reason VARCHAR, http_status INT, incident_start TIMESTAMP
) TIMESTAMP(received) PARTITION BY DAY TTL ${ttlDays} DAYS WAL
  DEDUP UPSERT KEYS(received, target, region);`;
}

/**
 * A state change as one table-free ILP row (see encodeSignalRow): symbols, then fields, then the
 * designated timestamp. A non-designated TIMESTAMP field is written in microseconds with `t`.
 */
export function encodeStateChangeRow(change: StateChange): string {
  const symbols = [
    `target=${escapeSymbol(change.target)}`,
    `region=${escapeSymbol(change.region)}`,
    `from_state=${change.from}`,
    `to_state=${change.to}`,
  ];
  const fields = [`http_status=${change.httpStatus}i`];
  if (change.reason !== null) fields.push(`reason="${escapeString(change.reason)}"`);
  if (change.incidentStart !== null) fields.push(`incident_start=${change.incidentStart * 1000}t`);
  return `,${symbols.join(',')} ${fields.join(',')} ${toNanoseconds(change.received)}`;
}

/** A state_changes row as the type-fixed PG client returns it (TIMESTAMP as a Date). */
export type QuestDbStateChangeRow = StateChangeRow<Date>;

/** The column list the reader selects, matching QuestDbStateChangeRow. */
export const stateChangeColumns =
  'received, target, region, from_state, to_state, reason, http_status, incident_start';

/** A row read back as a state change. */
export function toStateChange(row: QuestDbStateChangeRow): StateChange {
  return {
    received: row.received.getTime(),
    target: row.target,
    region: row.region,
    from: row.from_state,
    to: row.to_state,
    reason: row.reason ?? null,
    httpStatus: row.http_status,
    incidentStart: row.incident_start === null ? null : row.incident_start.getTime(),
  };
}

import type { Signal } from '../../signal.ts';

// QuestDB's INT column: values outside it are rejected, and a rejected line drops the connection.
const intRange = { min: -2_147_483_648, max: 2_147_483_647 } as const;
const nanosPerMilli = 1_000_000n;

/**
 * Escapes a symbol (tag) value: symbols are never quoted, so every character that separates
 * tokens in a line gets a backslash; newline and carriage return keep their raw byte after it.
 */
export function escapeSymbol(value: string): string {
  return value.replace(/[ ,=\n\r\\]/g, (character) => `\\${character}`);
}

/** Escapes a string field's content, which goes between double quotes. */
export function escapeString(value: string): string {
  return value.replace(/["\\\n\r]/g, (character) => `\\${character}`);
}

/** Epoch milliseconds as the nanosecond count a line ends with (past 2^53, so BigInt). */
export function toNanoseconds(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs))
    throw new Error(`ilp: received must be an integer epoch ms, got ${epochMs}`);
  return (BigInt(epochMs) * nanosPerMilli).toString();
}

/**
 * A signal as one ILP row without the table name and trailing newline: symbols target, region,
 * state first, then the fields, then the designated timestamp. Kept table-free so the outbox can
 * hold it and the writer prefixes whatever table is configured. Throws on a value the server
 * would reject, so a bad signal fails its append instead of poisoning the connection later.
 */
export function encodeSignalRow(signal: Signal): string {
  const symbols = [
    `target=${symbolValue('target', signal.target)}`,
    `region=${symbolValue('region', signal.region)}`,
    `state=${symbolValue('state', signal.state)}`,
  ];
  const fields = [
    `url="${escapeString(signal.url)}"`,
    `http_status=${intValue('http_status', signal.httpStatus)}i`,
    `available=${signal.available ? 't' : 'f'}`,
  ];
  pushDouble(fields, 'latency_ms', signal.latencyMs);
  // An absent field is a null column: that is how a null reason or phase is stored.
  if (signal.reason !== null) fields.push(`reason="${escapeString(signal.reason)}"`);
  pushDouble(fields, 'dns_ms', signal.dnsMs);
  pushDouble(fields, 'connect_ms', signal.connectMs);
  pushDouble(fields, 'tls_ms', signal.tlsMs);
  pushDouble(fields, 'first_byte_ms', signal.firstByteMs);
  return `,${symbols.join(',')} ${fields.join(',')} ${toNanoseconds(signal.received)}`;
}

/** A complete line for `table` from a row made by encodeSignalRow. */
export function toIlpLine(table: string, row: string): string {
  return `${table}${row}\n`;
}

/**
 * Adds a DOUBLE field. A bare number is a DOUBLE on the wire, so 12 stays `12`, never `12i`. Null
 * and non-finite values (which have no ILP spelling) are left out, so the column reads back NULL.
 */
function pushDouble(fields: string[], name: string, value: number | null): void {
  if (value !== null && Number.isFinite(value)) fields.push(`${name}=${value}`);
}

function symbolValue(name: string, value: string): string {
  // `name=` with nothing after it is not a valid symbol on the wire.
  if (value === '') throw new Error(`ilp: ${name} must not be empty`);
  return escapeSymbol(value);
}

function intValue(name: string, value: number): number {
  if (!Number.isInteger(value) || value < intRange.min || value > intRange.max) {
    throw new Error(`ilp: ${name} must be a 32-bit integer, got ${value}`);
  }
  return value;
}

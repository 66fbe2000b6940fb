import { signalColumnList, type ColumnKind } from '../../signal-columns.ts';
import type { Signal } from '../../signal.ts';

// QuestDB's INT column: values outside it are rejected, and a rejected line drops the connection.
const intRange = { min: -2_147_483_648, max: 2_147_483_647 } as const;
const nanosPerMilli = 1_000_000n;
const microsPerMilli = 1_000n; // a TIMESTAMP field's `t` suffix means epoch microseconds

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
  return scaleEpochMs('received', epochMs, nanosPerMilli);
}

/** Epoch ms times `perMilli`, as digits: a certificate valid to 9999 is past 2^53 microseconds too. */
function scaleEpochMs(name: string, epochMs: number, perMilli: bigint): string {
  if (!Number.isSafeInteger(epochMs))
    throw new Error(`ilp: ${name} must be an integer epoch ms, got ${epochMs}`);
  return (BigInt(epochMs) * perMilli).toString();
}

/**
 * A signal as one ILP row without the table name and trailing newline: the symbol columns first,
 * then the fields, then the designated timestamp, each in column-table order. Kept table-free so
 * the outbox can hold it and the writer prefixes whatever table is configured. Throws on a value
 * the server would reject, so a bad signal fails its append instead of poisoning the connection later.
 */
export function encodeSignalRow(signal: Signal): string {
  const symbols: string[] = [];
  const fields: string[] = [];
  let timestamp = '';
  for (const { property, name, kind } of signalColumnList) {
    const value = signal[property];
    if (kind === 'timestamp') timestamp = toNanoseconds(value as number);
    else if (kind === 'symbol') symbols.push(`${name}=${symbolValue(name, value as string)}`);
    else {
      const field = fieldValue(name, kind, value);
      // An absent field is a null column: that is how a null reason or phase is stored.
      if (field !== undefined) fields.push(`${name}=${field}`);
    }
  }
  return `,${symbols.join(',')} ${fields.join(',')} ${timestamp}`;
}

/** A complete line for `table` from a row made by encodeSignalRow. */
export function toIlpLine(table: string, row: string): string {
  return `${table}${row}\n`;
}

/**
 * A field's value as ILP spells it, or undefined for none: null, and a non-finite DOUBLE (which
 * has no ILP spelling), are left out so the column reads back NULL. A bare number is a DOUBLE on
 * the wire, so 12 stays `12`, never `12i`.
 */
function fieldValue(name: string, kind: ColumnKind, value: unknown): string | undefined {
  if (value === null) return undefined;
  if (kind === 'string') return `"${escapeString(value as string)}"`;
  if (kind === 'int') return `${intValue(name, value as number)}i`;
  if (kind === 'boolean') return value ? 't' : 'f';
  if (kind === 'time') return `${scaleEpochMs(name, value as number, microsPerMilli)}t`;
  return Number.isFinite(value) ? String(value) : undefined;
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

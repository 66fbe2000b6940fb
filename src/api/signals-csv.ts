import { signalColumnList } from '../signal-columns.ts';
import type { Signal } from '../signal.ts';
import { toSignalRecord } from '../status/signal-record.ts';

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Signals as CSV for spreadsheets: a header of the API record's field names, then one line per
 * signal in the given order; times in ISO 8601, null as an empty field, lines ending CRLF.
 */
export function formatSignalsCsv(signals: readonly Signal[]): string {
  const header = signalColumnList.map(({ name }) => name).join(',');
  // the API record's values (in column order): times already ISO 8601, nulls kept
  const lines = signals.map((signal) => Object.values(toSignalRecord(signal)).map(csvField).join(','));
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

/** Whether a request asks for CSV: `format=csv`, or no `format` and an Accept that names text/csv. */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return accept !== undefined && /(^|,)\s*text\/csv\b/i.test(accept);
}

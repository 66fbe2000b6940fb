import { signalColumnList } from '../signal-columns.ts';
import type { Signal } from '../signal.ts';

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
  const lines = signals.map((signal) =>
    signalColumnList
      .map(({ property, kind }) => {
        const value = signal[property];
        return csvField(kind === 'timestamp' ? new Date(value as number).toISOString() : value);
      })
      .join(','),
  );
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

/** Whether a request asks for CSV: `format=csv`, or no `format` and an Accept that names text/csv. */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return accept !== undefined && /(^|,)\s*text\/csv\b/i.test(accept);
}

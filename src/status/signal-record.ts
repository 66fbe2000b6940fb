import type { Signal } from '../signal.ts';
import { signalColumnList } from '../signal-columns.ts';
import type { SignalGroup, SignalRecord } from './wire-types.ts';

/** A stored signal as the API shows it: the column names of the table, times in ISO 8601. */
export function toSignalRecord(signal: Signal): SignalRecord {
  return Object.fromEntries(
    signalColumnList.map(({ property, name, kind }) => {
      const value = signal[property];
      const isTime = (kind === 'timestamp' || kind === 'time') && value !== null;
      return [name, isTime ? new Date(value as number).toISOString() : value];
    }),
  ) as SignalRecord;
}

/**
 * Groups signals (already grouped by target, oldest first) into the tutorial's response shape:
 * one entry per target, keyed by target since two targets may share a URL.
 */
export function groupSignals(signals: readonly Signal[]): SignalGroup[] {
  const groups: SignalGroup[] = [];
  let current: SignalGroup | undefined;
  for (const signal of signals) {
    if (current?.target !== signal.target) {
      current = { url: signal.url, target: signal.target, records: [] };
      groups.push(current);
    }
    current.records.push(toSignalRecord(signal));
  }
  return groups;
}

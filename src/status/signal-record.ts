import type { Signal } from '../signal.ts';
import type { SignalGroup, SignalRecord } from './wire-types.ts';

/** A stored signal as the API shows it: the tutorial's column names, ISO time. */
export function toSignalRecord(signal: Signal): SignalRecord {
  return {
    url: signal.url,
    http_status: signal.httpStatus,
    available: signal.available,
    received: new Date(signal.received).toISOString(),
    target: signal.target,
    latency_ms: signal.latencyMs,
    state: signal.state,
    reason: signal.reason,
    dns_ms: signal.dnsMs,
    connect_ms: signal.connectMs,
    tls_ms: signal.tlsMs,
    first_byte_ms: signal.firstByteMs,
  };
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

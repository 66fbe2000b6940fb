import type { Overall, SignalRecord, TargetStatus } from '../status/wire-types.ts';
import { reasonLabels } from '../signal-reasons.ts';
import { formatLatency } from './format-text.ts';

/** What a state looks like: a symbol (so colour is never the only cue) and words. */
export interface StateLabel {
  readonly icon: string;
  readonly text: string;
}

const overallLabels: Record<Overall, StateLabel> = {
  operational: { icon: '✓', text: 'All systems operational' },
  degraded: { icon: '!', text: 'Degraded performance' },
  partial_outage: { icon: '✕', text: 'Partial outage' },
  major_outage: { icon: '✕', text: 'Major outage' },
  unknown: { icon: '?', text: 'Status unknown' },
};

const stateLabels: Record<TargetStatus['state'], StateLabel> = {
  up: { icon: '✓', text: 'Operational' },
  degraded: { icon: '!', text: 'Degraded' },
  down: { icon: '✕', text: 'Down' },
  maintenance: { icon: 'i', text: 'Maintenance' },
  unknown: { icon: '?', text: 'No data yet' },
};

/** The banner's symbol and words for an overall verdict. */
export function describeOverall(overall: Overall): StateLabel {
  return overallLabels[overall];
}

/** A target state's symbol and words. */
export function describeState(state: TargetStatus['state']): StateLabel {
  return stateLabels[state];
}

/** Why the last probe was not plainly up, in words (`HTTP 503`, `timed out`); null when up. */
export function describeReason(record: SignalRecord | null): string | null {
  if (!record?.reason) return null;
  if (record.reason === 'status') return `HTTP ${record.http_status}`;
  if (record.reason === 'slow') return `slow (${formatLatency(record.latency_ms)})`;
  return reasonLabels[record.reason];
}

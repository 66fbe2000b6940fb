/**
 * JSON shapes the API sends. Shared by the server and the browser bundle (types only), so the
 * page and the API cannot drift apart.
 */
import type { Signal, State } from '../signal.ts';
import type { signalColumns } from '../signal-columns.ts';
import type { Announcement } from '../announcements/announcement.ts';

type Columns = typeof signalColumns;

/**
 * One record of `/api/signals`: one field per signal column, under the column's name (the
 * tutorial's four fields first, never renamed or removed), times as ISO 8601 UTC strings (or null).
 * Descriptions live in the column table (signal-columns.ts).
 */
export type SignalRecord = {
  -readonly [K in keyof Columns as Columns[K]['name']]: Columns[K]['kind'] extends 'timestamp' | 'time'
    ? string | (null extends Signal[K] ? null : never)
    : Signal[K];
};

/** One entry of `/api/signals`: a target's records, oldest first. */
export interface SignalGroup {
  url: string;
  target: string;
  records: SignalRecord[];
}

/**
 * Equal-width time buckets, oldest first, stored column-wise so 100 targets x 114 buckets stay
 * small on the wire. Bucket i covers [start + i*step_ms, start + (i+1)*step_ms).
 */
export interface BucketSeries {
  /** Epoch ms of the first bucket's start. */
  start: number;
  step_ms: number;
  checks: number[];
  /** Checks with `available` true. */
  up: number[];
  /** Per bucket latency in whole ms (the statistic named by `latency_stat`), null when no checks. */
  latency_ms: (number | null)[];
  latency_stat: 'p95' | 'avg';
}

/** Uptime percentages (0..100), null when the window holds no check. */
export interface UptimeWindows {
  '24h': number | null;
  '7d': number | null;
  '30d': number | null;
  '90d': number | null;
}

/** One target in `/api/status` (and the data of an SSE `target` event). */
export interface TargetStatus {
  name: string;
  /** The target's `group` from the config; null when it has none. */
  group: string | null;
  url: string;
  /** `unknown` until the first probe has been judged. */
  state: State | 'unknown';
  last: SignalRecord | null;
  uptime: UptimeWindows;
  /** Over the last 24 hours; null when no checks. */
  latency: { p50_ms: number | null; p95_ms: number | null };
  /** When the leaf certificate seen by the newest HTTPS probe expires (ISO); null for http or not yet seen. */
  certificate_expires_at: string | null;
  /** Which condition the newest probe failed and what it saw (or the probe error's text); null when up. */
  detail: string | null;
  /** 24 hourly buckets ending with the current hour (p95 latency). */
  hours: BucketSeries;
  /** 90 daily (UTC) buckets ending with today (mean latency). */
  days: BucketSeries;
}

/** Banner value, from the targets' states. */
export type Overall = 'operational' | 'degraded' | 'partial_outage' | 'major_outage' | 'unknown';

/** `GET /api/status`. */
export interface StatusResponse {
  title: string;
  description: string | null;
  logo_url: string | null;
  /** ISO time this snapshot was computed. */
  generated_at: string;
  overall: Overall;
  /** From the config, newest first; plain text. */
  announcements: readonly Announcement[];
  /** False while the history store refuses writes: probes go on, but are not kept. */
  recording: boolean;
  targets: TargetStatus[];
}

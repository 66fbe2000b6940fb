/** A range of HTTP status codes, both ends included (`200-399` or a single `204`). */
export interface StatusRange {
  readonly from: number;
  readonly to: number;
}

/** When a target is probed: every `everyMs`, or on a croner pattern (seconds allowed). */
export type Schedule =
  | { readonly kind: 'interval'; readonly everyMs: number }
  | { readonly kind: 'cron'; readonly pattern: string };

/** Something upbeat watches, after validation and defaults. */
export interface Target {
  readonly name: string;
  /** The URL probed, user info and all: it never leaves the process (see public-url.ts). */
  readonly url: string;
  /** What every output shows for this target: the operator's `publicUrl`, the probed URL redacted, or '' (hidden). */
  readonly publicUrl: string;
  readonly schedule: Schedule;
  /** Nominal period in ms: the interval, or the gap between the cron pattern's next two runs. */
  readonly periodMs: number;
  readonly method: string;
  readonly timeoutMs: number;
  readonly expect: {
    readonly status: readonly StatusRange[];
    /** Above this latency an otherwise good result is `degraded`. */
    readonly latencyMs?: number;
  };
  readonly headers: Readonly<Record<string, string>>;
  /** Skip TLS certificate verification (self-signed internal services). */
  readonly insecure: boolean;
  readonly failuresBeforeDown: number;
  readonly successesBeforeUp: number;
}

/** Where history goes when QuestDB is configured. */
export interface QuestDbConfig {
  /** QuestDB client config string: `tcp::addr=host:9009;` or `http::addr=host:9000;`. */
  readonly ilp: string;
  /** postgres URL for PG-wire reads. */
  readonly pg: string;
  readonly table: string;
  /** Most rows kept in the local outbox before the oldest are dropped (and counted). */
  readonly outboxMaxRows: number;
}

import type { Announcement } from '../announcements/announcement.ts';
import type { MaintenanceWindow } from '../maintenance/maintenance-window.ts';

/** The whole validated, frozen configuration. */
export interface Config {
  readonly title: string;
  readonly description?: string;
  readonly logoUrl?: string;
  /** The status page's public URL (top-level `publicUrl`): the Atom feed links to it. */
  readonly pageUrl?: string;
  /** Whether targets without their own `publicUrl` show their (redacted) probed URL. */
  readonly publicUrls: boolean;
  readonly targets: readonly Target[];
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly retentionDays: number;
  readonly region: string;
  /** Most probes in flight at once, across all targets. */
  readonly maxConcurrentProbes: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly questdb?: QuestDbConfig;
  /** Planned windows in which targets are in `maintenance` instead of up or down. */
  readonly maintenance?: readonly MaintenanceWindow[];
  /** Notices shown at the top of the page and in `/api/status`, newest first. */
  readonly announcements?: readonly Announcement[];
}

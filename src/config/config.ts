import type { Announcement } from '../announcements/announcement.ts';
import type { MaintenanceWindow } from '../maintenance/maintenance-window.ts';

/** A range of HTTP status codes, both ends included (`200-399` or a single `204`). */
export interface StatusRange {
  readonly from: number;
  readonly to: number;
}

/** When a target is probed: every `everyMs`, or on a croner pattern (seconds allowed). */
export type Schedule =
  | { readonly kind: 'interval'; readonly everyMs: number }
  | { readonly kind: 'cron'; readonly pattern: string };

/** What a target's answer must look like; every condition is judged by check/evaluate-check.ts. */
export interface Expectations {
  /** Statuses that count as up; empty for tcp:// and dns:// targets, which get no HTTP status. */
  readonly status: readonly StatusRange[];
  /** Above this latency an otherwise good result is `degraded`. */
  readonly latencyMs?: number;
  /** Less certificate validity left than this (ms) is `degraded`; absent when turned off. */
  readonly certificateMs?: number;
  /** Conditions on the response body's text (its first `maxBodyBytes`). */
  readonly body?: BodyConditions;
  /** Conditions on values in a JSON response body, addressed by JSON Pointer. */
  readonly json?: readonly JsonCondition[];
  /** Conditions on response headers. */
  readonly headers?: readonly HeaderCondition[];
  /** For dns:// targets: the answers must contain these, or be exactly these (in any order). */
  readonly answers?: { readonly test: 'contains' | 'equals'; readonly values: readonly string[] };
}

/** Text the body must contain, must not contain, and RE2 patterns it must match; each list may be empty. */
export interface BodyConditions {
  readonly contains: readonly string[];
  readonly notContains: readonly string[];
  readonly matches: readonly string[];
}

/** One test of the value at a JSON Pointer (RFC 6901); `value` is what `test` compares with. */
export type JsonCondition = { readonly pointer: string } & (
  | { readonly test: 'equals' | 'notEquals'; readonly value: unknown }
  | { readonly test: 'lessThan' | 'greaterThan'; readonly value: number }
  | { readonly test: 'exists'; readonly value: boolean }
  | { readonly test: 'in'; readonly value: readonly unknown[] }
);

/** One test of a response header, by lower-case name: present (or absent), equal to text, or matching an RE2 pattern. */
export type HeaderCondition = { readonly name: string } & (
  | { readonly test: 'present'; readonly value: boolean }
  | { readonly test: 'equals' | 'matches'; readonly value: string }
);

/** Something upbeat watches, after validation and defaults. */
export interface Target {
  readonly name: string;
  /** The section of the status page this target is listed under; absent for the ungrouped section. */
  readonly group?: string;
  /** The URL probed, user info and all: it never leaves the process (see public-url.ts). */
  readonly url: string;
  /** What every output shows for this target: the operator's `publicUrl`, the probed URL redacted, or '' (hidden). */
  readonly publicUrl: string;
  readonly schedule: Schedule;
  /** Nominal period in ms: the interval, or the gap between the cron pattern's next two runs. */
  readonly periodMs: number;
  readonly method: string;
  readonly timeoutMs: number;
  readonly expect: Expectations;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as the request body, with `Content-Type: contentType` unless `headers` sets one. */
  readonly body?: { readonly text: string; readonly contentType: string };
  /** Most response body bytes read; body conditions see only these. */
  readonly maxBodyBytes: number;
  /** Skip TLS certificate verification (self-signed internal services). */
  readonly insecure: boolean;
  /** For tcp:// targets: complete a TLS handshake after connecting. */
  readonly tls: boolean;
  readonly failuresBeforeDown: number;
  readonly successesBeforeUp: number;
  /** Names of the notification channels this target alerts; absent means every channel. */
  readonly notify?: readonly string[];
}

/** The notification channel kinds upbeat speaks. */
export const channelKinds = [
  'webhook',
  'slack',
  'discord',
  'teams',
  'telegram',
  'ntfy',
  'gotify',
  'pushover',
  'pagerduty',
  'email',
] as const;

/** One kind of notification channel. */
export type ChannelKind = (typeof channelKinds)[number];

/** A notification channel (`notifications[]`), after validation and defaults. */
export interface NotificationChannel {
  readonly name: string;
  readonly type: ChannelKind;
  /** The kind's own settings (url, token, chatId, ...) as written, secrets included: never log them. */
  readonly settings: Readonly<Record<string, string>>;
  /** Extra request headers (webhook); values may be secrets. */
  readonly headers: Readonly<Record<string, string>>;
  /** Events within this long of the first are sent as one message. */
  readonly groupWindowMs: number;
  /** Also alert when a target becomes degraded and when it recovers from that. */
  readonly degraded: boolean;
  /** Remind every this long while a target stays down; absent means never. */
  readonly repeatMs?: number;
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

/** Live updates on `/api/events` (the `live:` block). */
export interface LiveConfig {
  /** At most one update per stream this often, carrying every target that changed. */
  readonly intervalMs: number;
  /** An SSE comment this often keeps proxies from closing quiet streams. */
  readonly heartbeatMs: number;
  /** Most open streams; past it `/api/events` answers 503 and pages poll `/api/status`. */
  readonly maxStreams: number;
}

/** `Cache-Control` for the page and `/api/status`, for a reverse proxy or CDN (the `cache:` block). */
export interface CacheConfig {
  /** `s-maxage`: how long a shared cache may serve its copy without asking. */
  readonly sharedMaxAgeSeconds: number;
  /** `stale-while-revalidate`: how long past that it may serve its copy while it refreshes. */
  readonly staleWhileRevalidateSeconds: number;
}

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
  readonly live: LiveConfig;
  readonly cache: CacheConfig;
  readonly notifications: readonly NotificationChannel[];
}

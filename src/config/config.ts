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
  readonly url: string;
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

/** The whole validated, frozen configuration. */
export interface Config {
  readonly title: string;
  readonly description?: string;
  readonly logoUrl?: string;
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
  readonly notifications: readonly NotificationChannel[];
}

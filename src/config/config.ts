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
  readonly live: LiveConfig;
  readonly cache: CacheConfig;
}

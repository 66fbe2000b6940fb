import type { StatusRange } from './config.ts';

/** Every default the configuration applies, in one place so --help and the README quote the same values. */
export const configDefaults = {
  title: 'upbeat',
  port: 3000,
  host: '0.0.0.0',
  dataDir: './data',
  region: 'local',
  logLevel: 'info',
  // A bit over a year, so "same week last year" comparisons still have data.
  retentionDays: 400,
  // Enough for hundreds of targets on one small machine without exhausting sockets.
  maxConcurrentProbes: 256,
  // The tutorial's records carry the URL, and redaction takes out user info and secret parameters.
  publicUrls: true,
  target: {
    // Once a minute is the common status-page cadence.
    intervalMs: 60_000,
    method: 'HEAD',
    // Long enough for a slow TLS handshake on a cold server, short enough to report an outage quickly.
    timeoutMs: 10_000,
    // Redirects and "not modified" count as up, like browsers see them.
    status: [{ from: 200, to: 399 }] as readonly StatusRange[],
    insecure: false,
    // Enough for any status page's first screen or health document, small at 20,000 targets.
    maxBodyBytes: 64 * 1024,
    contentType: 'application/json',
    // Two weeks: Let's Encrypt renews at 30 days left, so a certificate this close has missed renewals.
    certificateMs: 14 * 24 * 3_600_000,
    // One failed probe is often the network, not the service; two in a row is an outage.
    failuresBeforeDown: 2,
    successesBeforeUp: 1,
  },
  live: {
    // the promise: a state change reaches an open page within 2 s
    intervalMs: 1_000,
    // below the 30-60 s idle timeouts of common proxies (nginx proxy_read_timeout is 60 s)
    heartbeatMs: 25_000,
    // bench/crowd-scenario.ts on 2 cores: 5,000 streams at ~13 KB each all get every update;
    // past that a polling page (a 304, or a proxy's copy) costs less than one more open socket
    maxStreams: 5_000,
  },
  cache: {
    // as stale as upbeat's own cached /api/status may be, so a proxy adds at most a second
    sharedMaxAgeSeconds: 1,
    // a proxy keeps answering from its copy while one request refreshes it
    staleWhileRevalidateSeconds: 10,
  },
  questdb: {
    table: 'signals',
    // At roughly 200 bytes a row, about 200 MB of disk: hours of signals for hundreds of targets.
    outboxMaxRows: 1_000_000,
    // QuestDB's stock PG-wire port, user, password and database.
    pgPort: 8812,
    pgCredentials: 'admin:quest',
    pgDatabase: 'qdb',
  },
  notifications: {
    // Long enough to gather a storm (one probe round of many targets), short enough to page promptly.
    groupWindowMs: 3_000,
    // The providers' public endpoints, used when a channel gives no `url` of its own.
    urls: {
      telegram: 'https://api.telegram.org',
      pushover: 'https://api.pushover.net/1/messages.json',
      pagerduty: 'https://events.pagerduty.com/v2/enqueue',
    },
  },
} as const;

/** The HTTP methods a target may use. */
export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The log levels, quietest last. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;

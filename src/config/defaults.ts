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
  target: {
    // Once a minute is the common status-page cadence.
    intervalMs: 60_000,
    method: 'HEAD',
    // Long enough for a slow TLS handshake on a cold server, short enough to report an outage quickly.
    timeoutMs: 10_000,
    // Redirects and "not modified" count as up, like browsers see them.
    status: [{ from: 200, to: 399 }] as readonly StatusRange[],
    insecure: false,
    // One failed probe is often the network, not the service; two in a row is an outage.
    failuresBeforeDown: 2,
    successesBeforeUp: 1,
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

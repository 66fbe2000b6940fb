import type { Alerts } from '../alerts/start-alerts.ts';
import type { ReloadStats } from '../reload/config-reloader.ts';
import type { SchedulerStats } from '../scheduler/scheduler.ts';
import type { TargetStatus } from '../status/wire-types.ts';

// maintenance is 2: above up, so an alert rule on `< 1` (not plainly up) stays quiet in a window
const stateValues = { unknown: -1, down: 0, degraded: 0.5, up: 1, maintenance: 2 } as const;

/** The Content-Type of `/metrics`: exposition format 0.0.4, which promtool wants with its charset. */
export const metricsContentType = 'text/plain; version=0.0.4; charset=utf-8';

/** Prometheus text exposition (format 0.0.4) of what upbeat knows about itself and its targets. */
export function renderMetrics(input: {
  scheduler: SchedulerStats;
  runner: { probes: number; storeErrors: number };
  /** Times the probe worker died unasked and was started again. */
  probeWorkerRestarts: number;
  /** Cheap per-target values (the summary's gauges): a scrape must not build 20,000 statuses. */
  targets: readonly {
    name: string;
    state: TargetStatus['state'];
    certificateExpiresAt: number | undefined;
  }[];
  sseClients: number;
  /** From the event hub: updates sent, streams closed for falling behind, streams refused at the cap. */
  sse: { sent: number; dropped: number; refused: number };
  ready: boolean;
  /** Rows the QuestDB outbox holds unconfirmed; undefined (no gauge) with the SQLite store. */
  outboxPendingRows?: number;
  /** Per-channel delivery counters and queue lengths (channel names only: never a URL or token). */
  alerts?: ReturnType<Alerts['stats']>;
  /** The last config load (start-up until the first reload). */
  lastReload: ReloadStats;
  /** The SQLite data file (history, or the QuestDB outbox) and its write-ahead log, by file name. */
  dataFiles: readonly { name: string; bytes: number }[];
}): string {
  const { scheduler, runner } = input;
  const lines = [
    metric('upbeat_probes_total', 'counter', 'Probes completed.', runner.probes),
    metric(
      'upbeat_store_errors_total',
      'counter',
      'Signals the store refused (logged when it starts, once a minute, and when it ends).',
      runner.storeErrors,
    ),
    metric(
      'upbeat_probes_skipped_total',
      'counter',
      "Runs skipped because the target's previous probe was unfinished.",
      scheduler.skipped,
    ),
    metric(
      'upbeat_probes_queued_total',
      'counter',
      'Runs that waited for the concurrency cap.',
      scheduler.queuedForCap,
    ),
    metric('upbeat_probes_in_flight', 'gauge', 'Probes running now.', scheduler.inFlight),
    metric(
      'upbeat_probe_worker_restarts_total',
      'counter',
      'Times the probe worker thread died and was started again (each logged).',
      input.probeWorkerRestarts,
    ),
    // Prometheus wants base units: seconds, not the histogram's milliseconds.
    '# HELP upbeat_schedule_lateness_seconds How late probes started against their plan, queueing included.',
    '# TYPE upbeat_schedule_lateness_seconds summary',
    `upbeat_schedule_lateness_seconds{quantile="0.5"} ${scheduler.lateness.p50 / 1000}`,
    `upbeat_schedule_lateness_seconds{quantile="0.99"} ${scheduler.lateness.p99 / 1000}`,
    `upbeat_schedule_lateness_seconds{quantile="1"} ${scheduler.lateness.max / 1000}`,
    `upbeat_schedule_lateness_seconds_sum ${scheduler.lateness.sum / 1000}`,
    `upbeat_schedule_lateness_seconds_count ${scheduler.lateness.count}`,
    metric('upbeat_sse_clients', 'gauge', 'Open /api/events streams.', input.sseClients),
    metric(
      'upbeat_sse_updates_total',
      'counter',
      'Live updates sent (each to every open stream).',
      input.sse.sent,
    ),
    metric(
      'upbeat_sse_dropped_total',
      'counter',
      'Streams closed because their reader fell too far behind.',
      input.sse.dropped,
    ),
    metric(
      'upbeat_sse_refused_total',
      'counter',
      'Streams refused (503) because live.maxStreams were open.',
      input.sse.refused,
    ),
    metric('upbeat_store_ready', 'gauge', '1 when the history store is reachable.', input.ready ? 1 : 0),
    ...(input.outboxPendingRows === undefined
      ? []
      : [
          metric(
            'upbeat_outbox_pending_rows',
            'gauge',
            'Signals in the local outbox that QuestDB has not yet confirmed.',
            input.outboxPendingRows,
          ),
        ]),
    metric(
      'upbeat_config_last_reload_successful',
      'gauge',
      '1 when the last config load (start or reload) was valid and applied.',
      input.lastReload.succeeded ? 1 : 0,
    ),
    metric(
      'upbeat_config_last_reload_timestamp_seconds',
      'gauge',
      'When the config was last loaded (start or reload), Unix time.',
      input.lastReload.at / 1000,
    ),
    '# HELP upbeat_data_file_size_bytes Size of the SQLite data file and its write-ahead log.',
    '# TYPE upbeat_data_file_size_bytes gauge',
    ...input.dataFiles.map(
      ({ name, bytes }) => `upbeat_data_file_size_bytes{file="${escapeLabel(name)}"} ${bytes}`,
    ),
    '# HELP upbeat_target_state Target state: 1 up, 0.5 degraded, 0 down, -1 unknown, 2 maintenance.',
    '# TYPE upbeat_target_state gauge',
    ...input.targets.map(
      (target) => `upbeat_target_state{target="${escapeLabel(target.name)}"} ${stateValues[target.state]}`,
    ),
  ];
  lines.push(
    '# HELP upbeat_target_certificate_expiry_seconds When the leaf certificate seen by the newest HTTPS probe expires (Unix time).',
    '# TYPE upbeat_target_certificate_expiry_seconds gauge',
    ...input.targets
      .filter((target) => target.certificateExpiresAt !== undefined)
      .map(
        (target) =>
          `upbeat_target_certificate_expiry_seconds{target="${escapeLabel(target.name)}"} ${target.certificateExpiresAt! / 1000}`,
      ),
  );
  const channels = input.alerts?.channels ?? [];
  const perChannel = (
    name: string,
    type: string,
    help: string,
    value: (stats: (typeof channels)[number]) => number,
  ) => [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} ${type}`,
    ...channels.map((stats) => `${name}{channel="${escapeLabel(stats.channel)}"} ${value(stats)}`),
  ];
  // no channels configured: no alert families at all, rather than five empty ones
  if (channels.length > 0)
    lines.push(
      ...perChannel(
        'upbeat_alerts_sent_total',
        'counter',
        'Alert events the channel accepted.',
        (s) => s.sent,
      ),
      ...perChannel(
        'upbeat_alerts_failed_total',
        'counter',
        'Alert deliveries that failed (each is retried).',
        (s) => s.failed,
      ),
      ...perChannel(
        'upbeat_alerts_dropped_total',
        'counter',
        'Alert events dropped undelivered after the maximum age.',
        (s) => s.dropped,
      ),
      ...perChannel(
        'upbeat_alerts_retrying',
        'gauge',
        '1 while the channel waits to retry after a failure.',
        (s) => (s.retrying ? 1 : 0),
      ),
      ...perChannel(
        'upbeat_alerts_queued',
        'gauge',
        'Alert events waiting for the channel.',
        (s) => input.alerts!.queued[s.channel] ?? 0,
      ),
    );
  return `${lines.join('\n')}\n`;
}

function metric(name: string, type: string, help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}`;
}

/** Label values escape backslash, double quote and newline (the exposition format's rule). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

import type { SchedulerStats } from '../scheduler/scheduler.ts';
import type { TargetStatus } from '../status/wire-types.ts';

// maintenance is 2: above up, so an alert rule on `< 1` (not plainly up) stays quiet in a window
const stateValues = { unknown: -1, down: 0, degraded: 0.5, up: 1, maintenance: 2 } as const;

/** Prometheus text exposition (format 0.0.4) of what upbeat knows about itself and its targets. */
export function renderMetrics(input: {
  scheduler: SchedulerStats;
  runner: { probes: number; storeErrors: number };
  /** Cheap per-target values (the summary's gauges): a scrape must not build 20,000 statuses. */
  targets: readonly {
    name: string;
    state: TargetStatus['state'];
    certificateExpiresAt: number | undefined;
  }[];
  sseClients: number;
  ready: boolean;
  /** Rows the QuestDB outbox holds unconfirmed; undefined (no gauge) with the SQLite store. */
  outboxPendingRows?: number;
}): string {
  const { scheduler, runner } = input;
  const lines = [
    metric('upbeat_probes_total', 'counter', 'Probes completed.', runner.probes),
    metric(
      'upbeat_store_errors_total',
      'counter',
      'Signals the store refused (logged with context).',
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
    '# HELP upbeat_schedule_lateness_ms How late probes started against their plan, queueing included.',
    '# TYPE upbeat_schedule_lateness_ms summary',
    `upbeat_schedule_lateness_ms{quantile="0.5"} ${scheduler.lateness.p50}`,
    `upbeat_schedule_lateness_ms{quantile="0.99"} ${scheduler.lateness.p99}`,
    `upbeat_schedule_lateness_ms{quantile="1"} ${scheduler.lateness.max}`,
    `upbeat_schedule_lateness_ms_count ${scheduler.lateness.count}`,
    metric('upbeat_sse_clients', 'gauge', 'Open /api/events streams.', input.sseClients),
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
  return `${lines.join('\n')}\n`;
}

function metric(name: string, type: string, help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}`;
}

/** Label values escape backslash, double quote and newline (the exposition format's rule). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

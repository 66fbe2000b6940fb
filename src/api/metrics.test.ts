import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMetrics } from './metrics.ts';

const target = {
  name: 'a "quoted"\\name\nx',
  state: 'down' as const,
  certificateExpiresAt: Date.UTC(2027, 0, 31),
};

const input = {
  scheduler: {
    targets: 1,
    runs: 10,
    skipped: 2,
    queuedForCap: 3,
    inFlight: 1,
    queueLength: 0,
    lateness: { count: 10, sum: 25, p50: 1, p99: 7, max: 9 },
  },
  runner: { probes: 9, storeErrors: 0 },
  probeWorkerRestarts: 1,
  targets: [target],
  sseClients: 4,
  sse: { sent: 5, dropped: 6, refused: 7 },
  ready: true,
  lastReload: { at: Date.UTC(2026, 10, 29, 12, 0, 0, 500), succeeded: true },
  dataFiles: [
    { name: 'upbeat.db', bytes: 4096 },
    { name: 'upbeat.db-wal', bytes: 32_992 },
  ],
};

test('metrics: counters, lateness quantiles and per-target state with escaped labels', () => {
  const text = renderMetrics(input);
  assert.match(text, /^upbeat_probes_total 9$/m);
  assert.match(text, /^upbeat_probes_skipped_total 2$/m);
  assert.match(text, /^upbeat_probe_worker_restarts_total 1$/m);
  assert.match(text, /^upbeat_schedule_lateness_seconds\{quantile="0.99"\} 0.007$/m);
  assert.match(text, /^upbeat_schedule_lateness_seconds_sum 0.025$/m);
  assert.match(text, /^upbeat_schedule_lateness_seconds_count 10$/m);
  assert.match(text, /^upbeat_target_state\{target="a \\"quoted\\"\\\\name\\nx"\} 0$/m);
  assert.match(text, /^upbeat_sse_clients 4$/m);
  assert.match(text, /^upbeat_sse_updates_total 5$/m);
  assert.match(text, /^upbeat_sse_dropped_total 6$/m);
  assert.match(text, /^upbeat_sse_refused_total 7$/m);
  assert.match(
    text,
    /^upbeat_target_certificate_expiry_seconds\{target="a \\"quoted\\"\\\\name\\nx"\} 1801353600$/m,
  );
  assert.ok(text.endsWith('\n'));
});

test('metrics: the outbox gauge is there with QuestDB and absent with SQLite', () => {
  assert.match(renderMetrics({ ...input, outboxPendingRows: 12 }), /^upbeat_outbox_pending_rows 12$/m);
  assert.doesNotMatch(renderMetrics(input), /upbeat_outbox_pending_rows/);
});

test('metrics: per-channel alert counters and queue length, none without channels', () => {
  const text = renderMetrics({
    ...input,
    alerts: {
      channels: [{ channel: 'ops', sent: 5, failed: 2, dropped: 1, retrying: true }],
      queued: { ops: 3 },
    },
  });
  for (const line of [
    'upbeat_alerts_sent_total{channel="ops"} 5',
    'upbeat_alerts_failed_total{channel="ops"} 2',
    'upbeat_alerts_dropped_total{channel="ops"} 1',
    'upbeat_alerts_retrying{channel="ops"} 1',
    'upbeat_alerts_queued{channel="ops"} 3',
  ]) {
    assert.ok(text.split('\n').includes(line), line);
  }
  assert.doesNotMatch(renderMetrics({ ...input, alerts: { channels: [], queued: {} } }), /upbeat_alerts_/);
});

test('metrics: the last config load says when and whether it worked', () => {
  const text = renderMetrics({ ...input, lastReload: { at: Date.UTC(2026, 10, 29), succeeded: false } });
  assert.match(text, /^upbeat_config_last_reload_successful 0$/m);
  assert.match(text, /^upbeat_config_last_reload_timestamp_seconds 1795910400$/m);
  assert.match(renderMetrics(input), /^upbeat_config_last_reload_successful 1$/m);
});

test('metrics: the data file and its write-ahead log by name', () => {
  const text = renderMetrics(input);
  assert.match(text, /^upbeat_data_file_size_bytes\{file="upbeat.db"\} 4096$/m);
  assert.match(text, /^upbeat_data_file_size_bytes\{file="upbeat.db-wal"\} 32992$/m);
});

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
    lateness: { count: 10, p50: 1, p99: 7, max: 9 },
  },
  runner: { probes: 9, storeErrors: 0 },
  targets: [target],
  sseClients: 4,
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
  assert.match(text, /^upbeat_schedule_lateness_ms\{quantile="0.99"\} 7$/m);
  assert.match(text, /^upbeat_target_state\{target="a \\"quoted\\"\\\\name\\nx"\} 0$/m);
  assert.match(text, /^upbeat_sse_clients 4$/m);
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

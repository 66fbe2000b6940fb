import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMetrics } from './metrics.ts';

test('metrics: counters, lateness quantiles and per-target state with escaped labels', () => {
  const target = {
    name: 'a "quoted"\\name\nx',
    state: 'down' as const,
    certificateExpiresAt: Date.UTC(2027, 0, 31),
  };
  const text = renderMetrics({
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
    targets: [target],
    sseClients: 4,
    ready: true,
  });
  assert.match(text, /^upbeat_probes_total 9$/m);
  assert.match(text, /^upbeat_probes_skipped_total 2$/m);
  assert.match(text, /^upbeat_schedule_lateness_seconds\{quantile="0.99"\} 0.007$/m);
  assert.match(text, /^upbeat_schedule_lateness_seconds_sum 0.025$/m);
  assert.match(text, /^upbeat_schedule_lateness_seconds_count 10$/m);
  assert.match(text, /^upbeat_target_state\{target="a \\"quoted\\"\\\\name\\nx"\} 0$/m);
  assert.match(text, /^upbeat_sse_clients 4$/m);
  assert.match(
    text,
    /^upbeat_target_certificate_expiry_seconds\{target="a \\"quoted\\"\\\\name\\nx"\} 1801353600$/m,
  );
  assert.ok(text.endsWith('\n'));
});

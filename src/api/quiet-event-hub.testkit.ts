import { createEventHub } from './event-hub.ts';

// Longer than any test: the hub never sends an update or a heartbeat on its own.
const neverMs = 3_600_000;

/** Test support: an SSE hub for app tests that exercise other routes; it stays silent. */
export function createQuietEventHub() {
  return createEventHub({ describe: () => '{}', intervalMs: neverMs, heartbeatMs: neverMs, maxStreams: 1 });
}

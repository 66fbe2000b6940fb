import type { ChannelKind, NotificationChannel } from '../config/config.ts';
import type { AlertEvent } from './alert-event.ts';

/** Test support: a `down` event of target Website at a fixed time, with `overrides`. */
export function makeAlertEvent(overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    id: 'evt-1',
    kind: 'down',
    target: 'Website',
    url: 'https://example.com/',
    state: 'down',
    previous: 'up',
    reason: 'status',
    httpStatus: 503,
    at: Date.parse('2026-11-29T10:00:00.000Z'),
    region: 'local',
    ...overrides,
  };
}

/** Test support: a channel of `type` with `settings`, no grouping delay unless overridden. */
export function makeChannel(
  type: ChannelKind,
  settings: Record<string, string>,
  overrides: Partial<NotificationChannel> = {},
): NotificationChannel {
  return { name: type, type, settings, headers: {}, groupWindowMs: 0, degraded: false, ...overrides };
}

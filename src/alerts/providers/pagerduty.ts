import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { describeEvent } from '../describe-alerts.ts';
import { jsonRequest, type ProviderRequest } from '../post-json.ts';

/**
 * PagerDuty Events API v2 (POST /v2/enqueue): `trigger` when a target goes down (or degraded),
 * `resolve` when it comes back, with one `dedup_key` per target and region so the resolve closes the
 * incident the trigger opened, and reminders land on that same incident.
 */
export function buildPagerDutyRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const event = events[0]!;
  const degradedSide = event.kind === 'degraded' || event.kind === 'recovered';
  const dedupKey = `upbeat:${event.region}:${event.target}${degradedSide ? ':degraded' : ''}`;
  const resolve = event.kind === 'up' || event.kind === 'recovered';
  const body = resolve
    ? { routing_key: channel.settings.routingKey, event_action: 'resolve', dedup_key: dedupKey }
    : {
        routing_key: channel.settings.routingKey,
        event_action: 'trigger',
        dedup_key: event.kind === 'test' ? `upbeat:test:${event.id}` : dedupKey,
        payload: {
          // PagerDuty's summary limit
          summary: describeEvent(event).slice(0, 1024),
          source: event.url,
          severity:
            event.kind === 'down' || event.kind === 'reminder'
              ? 'critical'
              : event.kind === 'test'
                ? 'info'
                : 'warning',
          timestamp: new Date(event.at).toISOString(),
          component: event.target,
          custom_details: {
            state: event.state,
            previous: event.previous,
            reason: event.reason,
            http_status: event.httpStatus,
            region: event.region,
          },
        },
      };
  return jsonRequest(channel.settings.url!, body);
}

import { createHmac } from 'node:crypto';
import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import type { ProviderRequest } from '../post-json.ts';

/** The body's schema version; bump it when a field changes meaning or goes away (adding one is fine). */
export const webhookSchemaVersion = 1;

/**
 * The generic webhook: one JSON POST per event (schema in the README), `Idempotency-Key` set to the
 * event id, and with a `secret` an `X-Upbeat-Signature: sha256=<hex HMAC-SHA256 of the raw body>`
 * header, as GitHub's `X-Hub-Signature-256` does. Extra `headers` are sent as written.
 */
export function buildWebhookRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const event = events[0]!;
  const body = JSON.stringify({
    version: webhookSchemaVersion,
    id: event.id,
    event: event.kind,
    target: event.target,
    url: event.url,
    state: event.state,
    previous: event.previous,
    reason: event.reason,
    http_status: event.httpStatus,
    detail: event.detail ?? null,
    at: new Date(event.at).toISOString(),
    region: event.region,
    down_since: event.downSince === undefined ? null : new Date(event.downSince).toISOString(),
    page_url: event.page ?? null,
  });
  const signature: Record<string, string> = channel.settings.secret
    ? {
        'x-upbeat-signature': `sha256=${createHmac('sha256', channel.settings.secret).update(body).digest('hex')}`,
      }
    : {};
  return {
    url: channel.settings.url!,
    headers: {
      ...channel.headers,
      'content-type': 'application/json',
      'idempotency-key': event.id,
      'x-upbeat-event': event.kind,
      ...signature,
    },
    body,
  };
}

import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { describeAlerts } from '../describe-alerts.ts';
import type { ProviderRequest } from '../post-json.ts';

/** Gotify: POST JSON `{title, message, priority}` to `<url>/message` with the app token in `X-Gotify-Key`. */
export function buildGotifyRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const { title, lines } = describeAlerts(events);
  const kind = events[0]!.kind;
  return {
    url: `${channel.settings.url!.replace(/\/+$/, '')}/message`,
    headers: { 'content-type': 'application/json', 'x-gotify-key': channel.settings.token! },
    // 8 and above makes the Android app notify loudly; 5 is a normal notification.
    body: JSON.stringify({
      title,
      message: lines.join('\n'),
      priority: kind === 'down' || kind === 'reminder' ? 8 : 5,
    }),
  };
}

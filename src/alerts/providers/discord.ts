import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent, AlertKind } from '../alert-event.ts';
import { describeAlerts } from '../describe-alerts.ts';
import { jsonRequest, type ProviderRequest } from '../post-json.ts';

// Embed side colours (decimal RGB, as Discord takes them): red, green, amber.
const colours: Record<AlertKind, number> = {
  down: 0xd93025,
  reminder: 0xd93025,
  up: 0x1e8e3e,
  recovered: 0x1e8e3e,
  degraded: 0xf9ab00,
  test: 0x5865f2,
};

/** Discord "Execute Webhook": POST JSON with one embed (title, description, colour, timestamp). */
export function buildDiscordRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const { title, lines } = describeAlerts(events);
  const first = events[0]!;
  return jsonRequest(channel.settings.url!, {
    embeds: [
      {
        title,
        description: lines.join('\n'),
        color: colours[first.kind],
        timestamp: new Date(first.at).toISOString(),
      },
    ],
  });
}

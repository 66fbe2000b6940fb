import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { describeAlerts } from '../describe-alerts.ts';
import { jsonRequest, type ProviderRequest } from '../post-json.ts';

// Pushover's message limit is 1024 characters, its title's 250.
const messageChars = 1024;
const titleChars = 250;

/** Pushover Messages API: POST JSON `{token, user, title, message, timestamp}` to messages.json. */
export function buildPushoverRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const { title, lines } = describeAlerts(events);
  return jsonRequest(channel.settings.url!, {
    token: channel.settings.token,
    user: channel.settings.user,
    title: title.slice(0, titleChars),
    message: lines.join('\n').slice(0, messageChars),
    timestamp: Math.floor(events[0]!.at / 1000),
  });
}

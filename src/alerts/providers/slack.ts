import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { describeAlerts } from '../describe-alerts.ts';
import { jsonRequest, type ProviderRequest } from '../post-json.ts';

/**
 * Slack incoming webhook: POST `{"text": ...}` as JSON to the webhook URL (Mattermost and
 * Rocket.Chat accept the same). The bold title uses Slack's mrkdwn `*...*`.
 */
export function buildSlackRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const { title, lines } = describeAlerts(events);
  return jsonRequest(channel.settings.url!, { text: [`*${title}*`, ...lines].join('\n') });
}

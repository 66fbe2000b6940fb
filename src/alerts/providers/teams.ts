import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { describeAlerts } from '../describe-alerts.ts';
import { jsonRequest, type ProviderRequest } from '../post-json.ts';

/**
 * Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is received"): a
 * `message` whose one attachment is an Adaptive Card (contentType application/vnd.microsoft.card.adaptive).
 */
export function buildTeamsRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const { title, lines } = describeAlerts(events);
  return jsonRequest(channel.settings.url!, {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.2',
          body: [
            { type: 'TextBlock', size: 'Medium', weight: 'Bolder', text: title, wrap: true },
            ...lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true })),
          ],
        },
      },
    ],
  });
}

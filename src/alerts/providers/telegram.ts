import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { describeAlerts } from '../describe-alerts.ts';
import { jsonRequest, type ProviderRequest } from '../post-json.ts';

/**
 * Telegram Bot API `sendMessage`: POST JSON `{chat_id, text}` to `<url>/bot<token>/sendMessage`.
 * The token sits in the path, so the URL is a secret.
 */
export function buildTelegramRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const { url, botToken, chatId } = channel.settings;
  return jsonRequest(`${url!.replace(/\/+$/, '')}/bot${botToken}/sendMessage`, {
    chat_id: chatId,
    text: describeAlerts(events).text,
    disable_web_page_preview: true,
  });
}

import type { NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { describeAlerts } from '../describe-alerts.ts';
import type { ProviderRequest } from '../post-json.ts';

// ntfy priorities 1..5: outages are "high" (4), good news "default" (3).
const urgent = new Set(['down', 'reminder']);

/**
 * ntfy: POST the message as the body to the topic URL, with `Title`, `Priority` and `Tags`
 * headers (tags that name an emoji are shown as one) and, with a `token`, a Bearer authorization.
 */
export function buildNtfyRequest(
  channel: NotificationChannel,
  events: readonly AlertEvent[],
): ProviderRequest {
  const { title, lines } = describeAlerts(events);
  const kind = events[0]!.kind;
  const token = channel.settings.token;
  return {
    url: channel.settings.url!,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      // header values must be Latin-1; a target name may not be
      title: encodeURIComponent(title).length === title.length ? title : title.replace(/[^\x20-\x7e]/g, '?'),
      priority: urgent.has(kind) ? '4' : '3',
      tags: urgent.has(kind) ? 'rotating_light' : kind === 'degraded' ? 'warning' : 'white_check_mark',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: lines.join('\n'),
  };
}

import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { DeliveryResult } from './post-json.ts';
import { providers } from './providers/provider.ts';
import { defaultAlertTiming } from './start-alerts.ts';

/**
 * `upbeat --test-notification NAME`: one test message through the named channel, straight to the
 * provider (no queue, no retry), so a user sees the provider's own answer.
 */
export async function sendTestNotification(
  config: Config,
  name: string,
): Promise<DeliveryResult | { unknown: string }> {
  const channel = config.notifications.find((candidate) => candidate.name === name);
  if (!channel) {
    const known = config.notifications.map((candidate) => candidate.name).join(', ') || 'none configured';
    return { unknown: `no notification channel is named "${name}" (channels: ${known})` };
  }
  const now = Date.now();
  return providers[channel.type].deliver(
    channel,
    [
      {
        id: randomUUID(),
        kind: 'test',
        target: 'upbeat test',
        url: 'https://example.com/',
        state: 'up',
        previous: 'up',
        reason: null,
        httpStatus: 200,
        at: now,
        region: config.region,
      },
    ],
    defaultAlertTiming.timeoutMs,
  );
}

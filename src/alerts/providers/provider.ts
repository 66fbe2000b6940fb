import type { ChannelKind, NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import type { ProviderRequest } from '../post-json.ts';
import { buildDiscordRequest } from './discord.ts';
import { buildGotifyRequest } from './gotify.ts';
import { buildNtfyRequest } from './ntfy.ts';
import { buildPagerDutyRequest } from './pagerduty.ts';
import { buildPushoverRequest } from './pushover.ts';
import { buildSlackRequest } from './slack.ts';
import { buildTeamsRequest } from './teams.ts';
import { buildTelegramRequest } from './telegram.ts';
import { buildWebhookRequest } from './webhook.ts';

/** How one channel kind turns events into a request. */
export interface Provider {
  /**
   * true: one message lists every event of a storm (people read it). false: one request per event,
   * each with its own idempotency key (machines read it: the webhook, PagerDuty's per-target incidents).
   */
  readonly grouped: boolean;
  build(channel: NotificationChannel, events: readonly AlertEvent[]): ProviderRequest;
}

/** Every kind's provider: adding a kind is a file and a line here. */
export const providers: Record<ChannelKind, Provider> = {
  webhook: { grouped: false, build: buildWebhookRequest },
  pagerduty: { grouped: false, build: buildPagerDutyRequest },
  slack: { grouped: true, build: buildSlackRequest },
  discord: { grouped: true, build: buildDiscordRequest },
  teams: { grouped: true, build: buildTeamsRequest },
  telegram: { grouped: true, build: buildTelegramRequest },
  ntfy: { grouped: true, build: buildNtfyRequest },
  gotify: { grouped: true, build: buildGotifyRequest },
  pushover: { grouped: true, build: buildPushoverRequest },
};

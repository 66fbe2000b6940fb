import type { ChannelKind, NotificationChannel } from '../../config/config.ts';
import type { AlertEvent } from '../alert-event.ts';
import { postRequest, type DeliveryResult, type ProviderRequest } from '../post-json.ts';
import { buildDiscordRequest } from './discord.ts';
import { sendEmail } from './email.ts';
import { buildGotifyRequest } from './gotify.ts';
import { buildNtfyRequest } from './ntfy.ts';
import { buildPagerDutyRequest } from './pagerduty.ts';
import { buildPushoverRequest } from './pushover.ts';
import { buildSlackRequest } from './slack.ts';
import { buildTeamsRequest } from './teams.ts';
import { buildTelegramRequest } from './telegram.ts';
import { buildWebhookRequest } from './webhook.ts';

/** How one channel kind delivers events. */
export interface Provider {
  /**
   * true: one message lists every event of a storm (people read it). false: one request per event,
   * each with its own idempotency key (machines read it: the webhook, PagerDuty's per-target incidents).
   */
  readonly grouped: boolean;
  /** Sends one message; gives up after `timeoutMs`. Never throws: a failure is a result. */
  deliver(
    channel: NotificationChannel,
    events: readonly AlertEvent[],
    timeoutMs: number,
  ): Promise<DeliveryResult>;
}

/** A provider that speaks HTTP: the request it builds is POSTed. */
export interface HttpProvider extends Provider {
  build(channel: NotificationChannel, events: readonly AlertEvent[]): ProviderRequest;
}

function overHttp(grouped: boolean, build: HttpProvider['build']): HttpProvider {
  return {
    grouped,
    build,
    deliver: (channel, events, timeoutMs) => postRequest(build(channel, events), { timeoutMs }),
  };
}

/** The HTTP kinds, by kind. */
export const httpProviders = {
  webhook: overHttp(false, buildWebhookRequest),
  pagerduty: overHttp(false, buildPagerDutyRequest),
  slack: overHttp(true, buildSlackRequest),
  discord: overHttp(true, buildDiscordRequest),
  teams: overHttp(true, buildTeamsRequest),
  telegram: overHttp(true, buildTelegramRequest),
  ntfy: overHttp(true, buildNtfyRequest),
  gotify: overHttp(true, buildGotifyRequest),
  pushover: overHttp(true, buildPushoverRequest),
} satisfies Record<Exclude<ChannelKind, 'email'>, HttpProvider>;

/** Every kind's provider: adding a kind is a file and a line here. */
export const providers: Record<ChannelKind, Provider> = {
  ...httpProviders,
  email: { grouped: true, deliver: sendEmail },
};

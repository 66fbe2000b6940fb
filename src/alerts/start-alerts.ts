import type { NotificationChannel, Target } from '../config/config.ts';
import type { Logger } from '../log.ts';
import type { Backoff } from '../backoff.ts';
import type { ProbeEvent } from './alert-event.ts';
import { openAlertQueue } from './alert-queue.ts';
import { createChannelDispatcher, type ChannelStats } from './channel-dispatcher.ts';
import { createAlertPlanner } from './plan-alerts.ts';
import { providers } from './providers/provider.ts';

/** Delivery tuning; the defaults are what the README documents. */
export interface AlertTiming {
  readonly backoff: Backoff;
  readonly maxAgeMs: number;
  readonly timeoutMs: number;
}

/** Retry after 2 s, doubling to at most 5 min; give up on an alert after 48 h; 10 s per request. */
export const defaultAlertTiming: AlertTiming = {
  // 5 min keeps a long provider outage to a dozen attempts an hour
  backoff: { baseMs: 2_000, capMs: 300_000 },
  // two days covers a weekend-long provider outage being noticed and fixed
  maxAgeMs: 48 * 3_600_000,
  // chat webhooks answer in well under a second; 10 s rides out a slow one without holding the channel long
  timeoutMs: 10_000,
};

/** Alerts as the rest of upbeat sees them. */
export interface Alerts {
  /** Takes one probe event; queues what it makes due and never throws or waits. */
  onProbeEvent(event: ProbeEvent): void;
  /** Follows a reloaded target list (channels themselves change only with a restart). */
  followTargets(targets: readonly Target[]): void;
  /** Follows a reloaded `publicUrl`: messages queued from now on link to it. */
  followPageUrl(pageUrl: string | undefined): void;
  stats(): { channels: readonly ChannelStats[]; queued: Readonly<Record<string, number>> };
  stop(): Promise<void>;
}

/**
 * Plans alerts from probe events, queues them durably in the SQLite `file`, and runs one dispatcher
 * per channel. With no channels configured it opens nothing.
 */
export function startAlerts(options: {
  channels: readonly NotificationChannel[];
  targets: readonly Target[];
  /** The status page's public URL (top-level `publicUrl`): messages link to it. */
  pageUrl?: string;
  file: string;
  log: Logger;
  timing?: AlertTiming;
  now?: () => number;
}): Alerts {
  const { channels, log, now = Date.now, timing = defaultAlertTiming } = options;
  if (channels.length === 0) {
    return {
      onProbeEvent() {},
      followTargets() {},
      followPageUrl() {},
      stats: () => ({ channels: [], queued: {} }),
      stop: async () => {},
    };
  }
  const queue = openAlertQueue(options.file);
  const planner = createAlertPlanner({
    targets: options.targets,
    channels,
    ...(options.pageUrl === undefined ? {} : { pageUrl: options.pageUrl }),
  });
  const dispatchers = new Map(
    channels.map((channel) => [
      channel.name,
      createChannelDispatcher({
        channel,
        provider: providers[channel.type],
        queue,
        log,
        ...timing,
        now,
      }),
    ]),
  );
  for (const dispatcher of dispatchers.values()) dispatcher.resume();

  return {
    onProbeEvent(event) {
      try {
        const due = planner.plan(event);
        if (due.length === 0) return;
        queue.add(due, now());
        for (const channel of new Set(due.map((alert) => alert.channel))) dispatchers.get(channel)!.wake();
      } catch (error) {
        log.error(
          { target: event.signal.target, err: error instanceof Error ? error.message : String(error) },
          'could not queue alert',
        );
      }
    },
    followTargets: planner.followTargets,
    followPageUrl: planner.followPageUrl,
    stats: () => ({
      channels: [...dispatchers.values()].map((dispatcher) => dispatcher.stats()),
      queued: Object.fromEntries(channels.map((channel) => [channel.name, queue.size(channel.name)])),
    }),
    async stop() {
      await Promise.all([...dispatchers.values()].map((dispatcher) => dispatcher.stop()));
      queue.close();
    },
  };
}

import type { NotificationChannel } from '../config/config.ts';
import type { Logger } from '../log.ts';
import { backoffDelayMs, type Backoff } from '../backoff.ts';
import type { AlertQueue, QueuedAlert } from './alert-queue.ts';
import { mergeResolvedDowns } from './merge-resolved-downs.ts';
import type { DeliveryResult } from './post-json.ts';
import type { Provider } from './providers/provider.ts';

/** Delivery counters of one channel, for /metrics. */
export interface ChannelStats {
  readonly channel: string;
  /** Events the provider accepted. */
  readonly sent: number;
  /** Delivery attempts that failed (each is retried). */
  readonly failed: number;
  /** Events dropped after `maxAgeMs` undelivered. */
  readonly dropped: number;
  /** true while the channel waits to retry after a failure. */
  readonly retrying: boolean;
}

// One read of the queue head: enough for any storm message, small enough to parse in a millisecond.
const headRows = 500;

/**
 * Delivers one channel's queued alerts, oldest first, one request at a time: a slow or failing
 * channel waits alone. A failure keeps the alerts queued and retries after the provider's
 * Retry-After or the capped backoff. Events of one target go out in the order they were queued: a
 * message never holds two events of the same target, and a grouped message lists one kind. On a
 * grouped channel an undelivered `down` that its `up` already resolved goes out inside that `up`.
 */
export function createChannelDispatcher(options: {
  channel: NotificationChannel;
  provider: Provider;
  queue: AlertQueue;
  log: Logger;
  backoff: Backoff;
  /** Older undelivered alerts are dropped (logged at error). */
  maxAgeMs: number;
  /** Per request; a hanging provider counts as a failure after this long. */
  timeoutMs: number;
  now?: () => number;
}) {
  const { channel, provider, queue, log, now = Date.now } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let failures = 0;
  let stopped = false;
  const counts = { sent: 0, failed: 0, dropped: 0 };

  function arm(delayMs: number): void {
    if (stopped || timer || running) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = deliver().finally(() => (running = undefined));
    }, delayMs);
    timer.unref();
  }

  async function deliver(): Promise<void> {
    while (!stopped) {
      const head = dropExpired(queue.head(channel.name, headRows));
      if (head.length === 0) return;
      // machines (webhook, PagerDuty) get every event; people need no down that is already over
      const { rows, absorbed } = provider.grouped
        ? mergeResolvedDowns(head)
        : { rows: head, absorbed: new Map<number, QueuedAlert[]>() };
      for (const message of splitIntoMessages(rows, provider.grouped)) {
        if (stopped) return;
        const events = message.map((row) => row.event);
        const result = await provider.deliver(channel, events, options.timeoutMs);
        const merged = message.flatMap((row) => absorbed.get(row.id) ?? []);
        if (!recordOutcome(message, merged, result)) return;
      }
    }
  }

  /**
   * Removes the delivered rows (and the `merged` ones their message told of), or schedules the
   * retry; true when delivery may go on.
   */
  function recordOutcome(
    message: readonly QueuedAlert[],
    merged: readonly QueuedAlert[],
    result: DeliveryResult,
  ): boolean {
    const first = message[0]!.event;
    const fields = {
      channel: channel.name,
      type: channel.type,
      event: first.kind,
      targets: message.length,
      target: first.target,
    };
    if (result.ok) {
      queue.remove([...message, ...merged].map((row) => row.id));
      counts.sent += message.length;
      failures = 0;
      log.info(merged.length > 0 ? { ...fields, merged: merged.length } : fields, 'alert delivered');
      return true;
    }
    counts.failed += 1;
    failures += 1;
    const retryInMs = result.retryAfterMs ?? backoffDelayMs(failures, options.backoff);
    log.warn(
      { ...fields, answer: result.answer, attempt: failures, retryInMs },
      'alert delivery failed, will retry',
    );
    // the running flag is still set: clear it before arming, or arm() would refuse
    running = undefined;
    arm(retryInMs);
    return false;
  }

  function dropExpired(rows: QueuedAlert[]): QueuedAlert[] {
    const cutoff = now() - options.maxAgeMs;
    const expired = rows.filter((row) => row.queuedAt < cutoff);
    if (expired.length === 0) return rows;
    queue.remove(expired.map((row) => row.id));
    counts.dropped += expired.length;
    for (const row of expired) {
      log.error(
        {
          channel: channel.name,
          target: row.event.target,
          event: row.event.kind,
          queuedAt: new Date(row.queuedAt).toISOString(),
        },
        'alert dropped: undelivered for too long',
      );
    }
    return rows.filter((row) => row.queuedAt >= cutoff);
  }

  return {
    /** New alerts were queued: send them after the grouping window (unless a send or retry is pending). */
    wake(): void {
      arm(channel.groupWindowMs);
    },
    /** At start: deliver what an earlier run left in the queue. */
    resume(): void {
      if (queue.size(channel.name) > 0) arm(0);
    },
    stats(): ChannelStats {
      return { channel: channel.name, ...counts, retrying: failures > 0 };
    },
    /** Stops after the request in flight (whose outcome is still recorded). */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * The queue head cut into messages: the longest prefix in which no target appears twice (so order
 * per target holds whatever the grouping), then one message per kind in order of first appearance,
 * or one message per event for providers that take one event per request.
 */
export function splitIntoMessages(rows: readonly QueuedAlert[], grouped: boolean): QueuedAlert[][] {
  const seen = new Set<string>();
  const prefix: QueuedAlert[] = [];
  for (const row of rows) {
    if (seen.has(row.event.target)) break;
    seen.add(row.event.target);
    prefix.push(row);
  }
  if (!grouped) return prefix.map((row) => [row]);
  const byKind = new Map<string, QueuedAlert[]>();
  for (const row of prefix) {
    const group = byKind.get(row.event.kind) ?? [];
    group.push(row);
    byKind.set(row.event.kind, group);
  }
  return [...byKind.values()];
}

import { randomUUID } from 'node:crypto';
import type { NotificationChannel, Target } from '../config/config.ts';
import type { State } from '../signal.ts';
import type { AlertEvent, AlertKind, ProbeEvent } from './alert-event.ts';
import { redactUrl } from '../config/public-url.ts';

/** An alert due on one channel. */
export interface DueAlert {
  readonly channel: string;
  readonly event: AlertEvent;
}

interface TargetMemory {
  /** Failed probes in a row, to hold back `unknown -> down` until the threshold is met. */
  failures: number;
  /** When the current run of failures began: an outage starts with its first failed probe. */
  firstFailureAt?: number;
  /** A down state was announced, so its recovery is announced too. */
  announcedDown: boolean;
  downSince?: number;
  /** Last down or reminder per channel, for `repeat`. */
  remindedAt: Map<string, number>;
  /** Inside a maintenance window: the state before it, what the state after it is compared with. */
  beforeWindow?: State | 'unknown';
}

/**
 * Turns probe events into due alerts per channel. Pure apart from its memory of each target: a
 * fresh start alerts `unknown -> down` only once `failuresBeforeDown` failures were seen (the state
 * machine sets the first state directly), and a target whose first event starts from `down` (the
 * state stored before a restart) counts as already announced, so it is not announced again.
 */
export function createAlertPlanner(options: {
  targets: readonly Target[];
  channels: readonly NotificationChannel[];
  newId?: () => string;
  /** The status page's public URL, for the messages' link. */
  pageUrl?: string;
}) {
  const { channels, newId = randomUUID } = options;
  let pageUrl = options.pageUrl;
  let targets = new Map(options.targets.map((target) => [target.name, target]));
  const memories = new Map<string, TargetMemory>();

  /** A target's memory; on its first event, the state before it is the one stored before a restart. */
  function memoryOf(name: string, before: State | 'unknown'): TargetMemory {
    let memory = memories.get(name);
    if (!memory) {
      memory = { failures: 0, announcedDown: before === 'down', remindedAt: new Map() };
      memories.set(name, memory);
    }
    return memory;
  }

  /** The alerts one probe event makes due (often none). */
  function plan(probe: ProbeEvent): DueAlert[] {
    const { signal } = probe;
    const target = targets.get(signal.target);
    if (!target) return [];
    const memory = memoryOf(signal.target, probe.transition?.from ?? signal.state);
    memory.failures = signal.available ? 0 : memory.failures + 1;
    if (memory.failures === 1) memory.firstFailureAt = signal.received;
    // A maintenance window mutes alerts; after it, the state is judged against the one before it,
    // so a target down before and after a window is one outage, announced once.
    if (signal.state === 'maintenance') {
      memory.beforeWindow ??= probe.transition?.from ?? 'unknown';
      return [];
    }
    let transition = probe.transition;
    if (transition?.from === 'maintenance') {
      const from = memory.beforeWindow ?? 'unknown';
      memory.beforeWindow = undefined;
      transition = from === signal.state ? null : { from, to: signal.state };
    }
    const subscribed = channels.filter((channel) => target.notify?.includes(channel.name) ?? true);
    const event = (kind: AlertKind, extra: Partial<AlertEvent> = {}): AlertEvent => ({
      id: newId(),
      kind,
      target: signal.target,
      url: redactUrl(signal.url),
      state: signal.state,
      previous: transition?.from ?? signal.state,
      reason: signal.reason,
      httpStatus: signal.httpStatus,
      ...(probe.detail ? { detail: probe.detail } : {}),
      ...(pageUrl === undefined ? {} : { page: pageUrl }),
      at: signal.received,
      region: signal.region,
      ...extra,
    });
    const toAll = (alert: AlertEvent, only = subscribed) => {
      if (alert.kind === 'down' || alert.kind === 'reminder') {
        for (const channel of only) memory.remindedAt.set(channel.name, signal.received);
      }
      return only.map((channel) => ({ channel: channel.name, event: alert }));
    };

    if (transition?.to === 'down') memory.downSince = memory.firstFailureAt ?? signal.received;
    if (signal.state === 'down' && !memory.announcedDown) {
      if (memory.failures < target.failuresBeforeDown) return [];
      memory.announcedDown = true;
      return toAll(event('down', { previous: transition?.from ?? 'unknown' }));
    }
    if (transition?.from === 'down') {
      const wasAnnounced = memory.announcedDown;
      const downSince = memory.downSince;
      memory.announcedDown = false;
      memory.downSince = undefined;
      memory.remindedAt.clear();
      if (!wasAnnounced) return [];
      return toAll(event('up', { previous: 'down', ...(downSince === undefined ? {} : { downSince }) }));
    }
    const degradedChannels = subscribed.filter((channel) => channel.degraded);
    if (transition?.to === 'degraded' && transition.from === 'up')
      return toAll(event('degraded'), degradedChannels);
    if (transition?.to === 'up' && transition.from === 'degraded')
      return toAll(event('recovered'), degradedChannels);
    if (signal.state === 'down' && memory.announcedDown) {
      const due = subscribed.filter((channel) => {
        const last = memory.remindedAt.get(channel.name);
        // down since before a restart: the first reminder is one `repeat` from now
        if (last === undefined) memory.remindedAt.set(channel.name, signal.received);
        return (
          channel.repeatMs !== undefined && last !== undefined && signal.received - last >= channel.repeatMs
        );
      });
      const downSince = memory.downSince;
      if (due.length > 0) return toAll(event('reminder', downSince === undefined ? {} : { downSince }), due);
    }
    return [];
  }

  return {
    /**
     * Follows a reloaded target list: an added target alerts its channels from its next probe; a
     * kept one keeps what was already announced (its memory is by name); a removed one goes quiet.
     */
    followTargets(next: readonly Target[]): void {
      targets = new Map(next.map((target) => [target.name, target]));
    },
    /** Follows a reloaded `publicUrl`: alerts planned from now on link to it. */
    followPageUrl(next: string | undefined): void {
      pageUrl = next;
    },
    plan,
  };
}

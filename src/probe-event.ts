import type { Transition } from './check/target-state.ts';
import type { Logger } from './log.ts';
import type { Observation } from './probe/observation.ts';
import type { Signal } from './signal.ts';

/** What one finished probe announces: the stored signal, what the probe saw, and any state change. */
export interface ProbeEvent {
  readonly signal: Signal;
  readonly observation: Observation;
  /** The state change this probe caused, or null when the state held. */
  readonly transition: Transition | null;
  /** What failed when the result was not up (the check's detail, else the probe error's); null when up. */
  readonly detail: string | null;
}

/** Receives every probe event; whatever it returns is never awaited. */
export type ProbeEventSubscriber = (event: ProbeEvent) => unknown;

/**
 * The one hook every consumer of probe results (summary, live page, alerts, incidents) subscribes
 * to. Subscribers run in order, synchronously, on the probe's path, and are never awaited: one that
 * needs to wait (an alert channel) must queue the work itself. A subscriber that throws or rejects
 * is logged and the others, the store append and the next probe go on.
 */
export function createProbeEvents(log: Logger) {
  const subscribers: { name: string; receive: ProbeEventSubscriber }[] = [];

  function reportFailure(name: string, event: ProbeEvent, error: unknown): void {
    log.error(
      {
        subscriber: name,
        target: event.signal.target,
        err: error instanceof Error ? error.message : String(error),
      },
      'probe event subscriber failed',
    );
  }

  return {
    /** Adds a subscriber; `name` identifies it in the log line when it fails. */
    subscribe(name: string, receive: ProbeEventSubscriber): void {
      subscribers.push({ name, receive });
    },
    /** Hands `event` to every subscriber; returns without waiting for any of them. */
    publish(event: ProbeEvent): void {
      for (const { name, receive } of subscribers) {
        try {
          const returned = receive(event);
          if (returned instanceof Promise) returned.catch((error) => reportFailure(name, event, error));
        } catch (error) {
          reportFailure(name, event, error);
        }
      }
    },
  };
}

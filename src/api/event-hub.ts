/** One server-sent event. */
export interface HubEvent {
  readonly event: string;
  readonly data: string;
}

/**
 * Fans live events out to every open `/api/events` stream. Each subscriber gets its own bounded
 * queue: a client that stops reading is dropped instead of growing server memory without limit.
 */
export function createEventHub(options: { maxQueued?: number } = {}) {
  const maxQueued = options.maxQueued ?? 1000; // ~ one update per target for 1,000 targets
  const subscribers = new Set<Subscriber>();
  let closed = false;

  interface Subscriber {
    queue: HubEvent[];
    wake: (() => void) | undefined;
    done: boolean;
  }

  function wake(subscriber: Subscriber): void {
    const resume = subscriber.wake;
    subscriber.wake = undefined;
    resume?.();
  }

  return {
    /** Sends an event to every subscriber. */
    publish(event: HubEvent): void {
      for (const subscriber of subscribers) {
        if (subscriber.queue.length >= maxQueued) {
          subscriber.done = true;
          subscribers.delete(subscriber);
        } else {
          subscriber.queue.push(event);
        }
        wake(subscriber);
      }
    },

    /**
     * Registers at once (so nothing published after this call is missed) and yields events until
     * the hub closes, the subscriber falls too far behind, or `signal` aborts (the client left).
     */
    subscribe(signal: AbortSignal): AsyncGenerator<HubEvent> {
      const subscriber: Subscriber = { queue: [], wake: undefined, done: closed };
      if (!closed) subscribers.add(subscriber);
      const onAbort = () => {
        subscriber.done = true;
        subscribers.delete(subscriber); // even if the stream never started reading
        wake(subscriber);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      return (async function* () {
        try {
          while (!subscriber.done) {
            const next = subscriber.queue.shift();
            if (next) yield next;
            else await new Promise<void>((resolve) => (subscriber.wake = resolve));
          }
        } finally {
          signal.removeEventListener('abort', onAbort);
          subscribers.delete(subscriber);
        }
      })();
    },

    /** How many streams are open. */
    get size(): number {
      return subscribers.size;
    },

    /** Ends every stream (shutdown); later subscriptions end at once. */
    close(): void {
      closed = true;
      for (const subscriber of subscribers) {
        subscriber.done = true;
        wake(subscriber);
      }
      subscribers.clear();
    },
  };
}

/** The live event fan-out. */
export type EventHub = ReturnType<typeof createEventHub>;

import type { ProbeEvent } from './probe-event.ts';
import type { Signal } from './signal.ts';
import type { Store } from './store/store.ts';

/**
 * The main thread's half of a probe: announce its event (summary, live page, alerts), then store
 * its signal. The store is written from this one place, whichever thread probed. Storage failures
 * are counted; nothing here throws.
 */
export function createProbeRecorder(options: {
  store: Pick<Store, 'append'>;
  /**
   * Announces each probe before its signal is stored, so a slow store never delays it; must
   * return at once (see createProbeEvents).
   */
  publish: (event: ProbeEvent) => void;
  /** Told of each signal once the store has accepted it (the recent signals in memory follow the store). */
  onStored?: (signal: Signal) => void;
}) {
  let probes = 0;
  let storeErrors = 0;

  async function record(event: ProbeEvent): Promise<void> {
    const { signal } = event;
    probes += 1;
    options.publish(event);
    try {
      await options.store.append([signal]);
    } catch {
      // Counted only: the store logs refused writes, once per outage (store/track-writes.ts).
      storeErrors += 1;
      return;
    }
    options.onStored?.(signal);
  }

  return {
    record,
    /** Counters for /metrics. */
    stats: () => ({ probes, storeErrors }),
  };
}

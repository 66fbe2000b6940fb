import type { Logger } from './log.ts';
import type { ProbeEvent } from './probe-event.ts';
import type { Store } from './store/store.ts';

/**
 * The main thread's half of a probe: announce its event (summary, live page, alerts), then store
 * its signal. The store is written from this one place, whichever thread probed. Storage failures
 * are logged with context and counted; nothing here throws.
 */
export function createProbeRecorder(options: {
  store: Pick<Store, 'append'>;
  /**
   * Announces each probe before its signal is stored, so a slow store never delays it; must
   * return at once (see createProbeEvents).
   */
  publish: (event: ProbeEvent) => void;
  log: Logger;
}) {
  let probes = 0;
  let storeErrors = 0;

  async function record(event: ProbeEvent): Promise<void> {
    const { signal } = event;
    probes += 1;
    options.publish(event);
    try {
      await options.store.append([signal]);
    } catch (error) {
      storeErrors += 1;
      options.log.error(
        {
          target: signal.target,
          received: new Date(signal.received).toISOString(),
          err: error instanceof Error ? error.message : String(error),
        },
        'could not store signal',
      );
    }
  }

  return {
    record,
    /** Counters for /metrics. */
    stats: () => ({ probes, storeErrors }),
  };
}

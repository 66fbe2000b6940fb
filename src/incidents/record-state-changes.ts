import type { Logger } from '../log.ts';
import type { ProbeEvent } from '../probe-event.ts';
import type { Store } from '../store/store.ts';
import { isIncidentState, type StateChange } from './state-change.ts';

/**
 * The probe-event subscriber that stores each transition as a state change, stamped with the
 * start of the incident it opens, continues or closes. Which incident is open is remembered per
 * target; the first transition of a target after a start asks the store, so an incident open
 * across a restart stays one. Transitions of one target are stored in order, one after another;
 * none of this runs on the probe's path (the returned promise is never awaited).
 */
export function createStateChangeRecorder(options: {
  store: Pick<Store, 'appendStateChanges' | 'readLatestStateChanges'>;
  /** Told of each change as it is stored (the page's recent incidents). */
  onChange?: (change: StateChange) => void;
  log: Logger;
}) {
  const { store, log, onChange } = options;
  /** Per target: the open incident's start, or null for none; absent until the store was asked. */
  const openSince = new Map<string, number | null>();
  const queues = new Map<string, Promise<void>>();

  async function openIncidentStart(target: string, region: string, before: number): Promise<number | null> {
    const known = openSince.get(target);
    if (known !== undefined) return known;
    try {
      const [latest] = await store.readLatestStateChanges({ before, target, region });
      return latest && isIncidentState(latest.to) ? latest.incidentStart : null;
    } catch (error) {
      // Without the store the incident cannot be continued; a new one opens rather than none.
      log.warn(
        { target, err: error instanceof Error ? error.message : String(error) },
        'could not read the last state change; an open incident may be split in two',
      );
      return null;
    }
  }

  async function record({ signal, transition }: ProbeEvent): Promise<void> {
    if (!transition) return;
    const open = await openIncidentStart(signal.target, signal.region, signal.received);
    const opening = isIncidentState(transition.to);
    const incidentStart = opening ? (open ?? signal.received) : open;
    openSince.set(signal.target, opening ? incidentStart : null);
    const change: StateChange = {
      received: signal.received,
      target: signal.target,
      region: signal.region,
      from: transition.from,
      to: transition.to,
      reason: signal.reason,
      httpStatus: signal.httpStatus,
      incidentStart,
    };
    onChange?.(change);
    await store.appendStateChanges([change]);
  }

  return {
    /** The subscriber: queues the event behind the target's earlier ones. */
    receive(event: ProbeEvent): Promise<void> {
      if (!event.transition) return Promise.resolve();
      const { target } = event.signal;
      const next = (queues.get(target) ?? Promise.resolve()).then(() => record(event));
      const settled = next.catch(() => {});
      queues.set(target, settled);
      void settled.then(() => {
        if (queues.get(target) === settled) queues.delete(target);
      });
      return next;
    },
  };
}

import type { Logger } from '../log.ts';
import { createRepeatedFailureLog } from '../repeated-failure-log.ts';
import type { Store } from './store.ts';

/**
 * The store as the rest of upbeat uses it, with the truth about writes: while appends fail (a full
 * disk, a read-only file system, an outbox that cannot take rows) `readiness()` says not ready and
 * why, until an append succeeds again; the failures are logged here and only here, as a start, a
 * count a minute and an end (repeated-failure-log.ts). `append` still rejects, so callers can count.
 * `onRecordingChange` hears when history stops and starts being recorded (the status document's flag).
 */
export function trackWrites<S extends Store>(
  store: S,
  options: { log: Logger; onRecordingChange?: (recording: boolean) => void; now?: () => number },
): S {
  const failures = createRepeatedFailureLog({
    log: options.log,
    action: 'could not store',
    things: 'signals',
    recovered: 'storing signals again',
    ...(options.now ? { now: options.now } : {}),
  });
  // the same disk refuses both, but a state change's loss is its own line (an incident may be missing)
  const changeFailures = createRepeatedFailureLog({
    log: options.log,
    action: 'could not store',
    things: 'state changes',
    recovered: 'storing state changes again',
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    ...store,
    async append(signals) {
      try {
        await store.append(signals);
      } catch (error) {
        const wasRecording = failures.failure() === undefined;
        failures.failed(signals.length, error);
        if (wasRecording) options.onRecordingChange?.(false);
        throw error;
      }
      if (failures.failure() === undefined) return;
      failures.succeeded();
      options.onRecordingChange?.(true);
    },
    async appendStateChanges(changes) {
      try {
        await store.appendStateChanges(changes);
      } catch (error) {
        changeFailures.failed(changes.length, error);
        throw error;
      }
      if (changeFailures.failure() !== undefined) changeFailures.succeeded();
    },
    readiness() {
      // A refused write comes first: it is what an operator must act on (free space, remount).
      const failure = failures.failure();
      if (!failure) return store.readiness();
      return {
        ready: false,
        detail: `history is not being recorded: signals could not be stored since ${new Date(failure.since).toISOString()}: ${failure.reason}`,
      };
    },
  };
}

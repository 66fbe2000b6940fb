import type { Worker } from 'node:worker_threads';
import { backoffDelayMs, type Backoff } from '../backoff.ts';
import type { Target } from '../config/config.ts';
import type { Logger } from '../log.ts';
import type { ProbeEvent } from '../probe-event.ts';
import { createLatenessHistogram } from '../scheduler/lateness-histogram.ts';
import type { SchedulerStats } from '../scheduler/scheduler.ts';
import type { State } from '../signal.ts';
import { startInlineWorker } from '../start-inline-worker.ts';
import { waitAtMost } from '../wait-at-most.ts';
import type { FromProbeWorker, LogLevel, ProbeWorkerInit, ToProbeWorker } from './probe-worker-messages.ts';

/** The main thread's handle on the probe worker: scheduler-like, the probes run elsewhere. */
export interface ProbeWorker {
  /** The worker's scheduler stats; the last known ones when it does not answer within a second. */
  stats(): Promise<SchedulerStats>;
  /** Starts probing new targets (a reload; see Scheduler.add). */
  add(targets: readonly Target[]): void;
  /** Stops probing the target of that name; a probe of it in flight finishes. */
  remove(name: string): void;
  /** Swaps in new definitions of targets of the same names (see Scheduler.reschedule). */
  reschedule(targets: readonly Target[]): void;
  /** Replaces the maintenance windows: probes from now on are judged against these (a reload). */
  followMaintenance(windows: ProbeWorkerInit['maintenance']): void;
  /** Drops a removed target's threshold state, so one added again later starts afresh. */
  forget(name: string): void;
  /** Stop scheduling, give probes in flight `graceMs`, then end the worker. */
  stop(graceMs: number): Promise<{ abandoned: number }>;
  /** Times the worker died unasked and was started again. */
  readonly restarts: number;
}

// A worker that keeps dying is restarted less and less often, but at least every 30 s.
const restartBackoff: Backoff = { baseMs: 500, capMs: 30_000 };
// Past this a stats request is answered with the last stats seen (a worker busy or restarting).
const statsTimeoutMs = 1_000;
// What the worker gets beyond the probes' grace to say it stopped, before it is terminated.
const stopReplyMarginMs = 500;

/**
 * Starts the scheduler and probes in a worker thread and passes each finished probe's event to
 * `record` on this thread. A worker that dies unasked is logged and started again (with the
 * states the summary holds by then), so probes never silently stop.
 */
export function startProbeWorker(options: {
  targets: readonly Target[];
  /** The state each target is in now (the summary's), read at every (re)start. */
  initialState: (name: string) => State | 'unknown';
  region: string;
  maxConcurrent: number;
  maintenance: ProbeWorkerInit['maintenance'];
  logLevel: LogLevel;
  record: (event: ProbeEvent) => unknown;
  log: Logger;
  /** Starts the thread; tests pass one whose first worker fails. */
  startWorker?: (init: ProbeWorkerInit) => Worker;
}): ProbeWorker {
  const { log, startWorker = startProbeWorkerThread } = options;
  let targets = options.targets;
  let maintenance = options.maintenance;
  let worker: Worker;
  let stopping = false;
  let crashesInARow = 0;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let lastStats: SchedulerStats = emptyStats(targets.length);
  let nextStatsId = 0;
  const statsWaiting = new Map<number, (stats: SchedulerStats) => void>();
  let onStopped: ((abandoned: number) => void) | undefined;

  const send = (message: ToProbeWorker) => worker.postMessage(message);
  const initialStates = (list: readonly Target[]) =>
    Object.fromEntries(list.map(({ name }) => [name, options.initialState(name)]));

  function receive(message: FromProbeWorker): void {
    if (message.type === 'event') {
      crashesInARow = 0;
      options.record(message.event);
    } else if (message.type === 'log') log[message.level](message.fields, message.message);
    else if (message.type === 'stats') {
      lastStats = message.stats;
      statsWaiting.get(message.id)?.(message.stats);
    } else onStopped?.(message.abandoned);
  }

  function launch(): void {
    restartTimer = undefined;
    const current = startWorker({
      targets,
      initialStates: initialStates(targets),
      region: options.region,
      maxConcurrent: options.maxConcurrent,
      maintenance,
      logLevel: options.logLevel,
    });
    worker = current;
    current.on('message', receive);
    current.on('error', (error) => log.error({ err: error.message }, 'probe worker crashed'));
    // a message that could not be deserialized: that probe's event is lost, the worker goes on
    current.on('messageerror', (error) => log.error({ err: error.message }, 'probe worker message lost'));
    current.on('exit', (code) => {
      if (stopping || worker !== current) return;
      crashesInARow += 1;
      restarts += 1;
      const retryInMs = backoffDelayMs(crashesInARow, restartBackoff);
      log.error({ code, retryInMs }, 'probe worker ended unasked; starting it again');
      restartTimer = setTimeout(launch, retryInMs);
    });
  }

  launch();

  return {
    stats() {
      if (restartTimer) return Promise.resolve(lastStats);
      const id = (nextStatsId += 1);
      return new Promise((resolve) => {
        const timer = setTimeout(() => answer(lastStats), statsTimeoutMs);
        const answer = (stats: SchedulerStats) => {
          clearTimeout(timer);
          statsWaiting.delete(id);
          resolve(stats);
        };
        statsWaiting.set(id, answer);
        send({ type: 'stats', id });
      });
    },
    // Each keeps `targets` (or `maintenance`) current, so a restarted worker starts with the reloaded list; a worker
    // being restarted gets nothing else.
    add(added) {
      targets = [...targets, ...added];
      if (!restartTimer) send({ type: 'add', targets: added, initialStates: initialStates(added) });
    },
    remove(name) {
      targets = targets.filter((target) => target.name !== name);
      if (!restartTimer) send({ type: 'remove', name });
    },
    reschedule(changed) {
      const byName = new Map(changed.map((target) => [target.name, target]));
      targets = targets.map((target) => byName.get(target.name) ?? target);
      if (!restartTimer) send({ type: 'reschedule', targets: changed });
    },
    followMaintenance(windows) {
      maintenance = windows;
      if (!restartTimer) send({ type: 'maintenance', windows });
    },
    forget(name) {
      if (!restartTimer) send({ type: 'forget', name });
    },
    async stop(graceMs) {
      stopping = true;
      if (restartTimer) {
        clearTimeout(restartTimer); // between two workers: nothing is probing
        return { abandoned: 0 };
      }
      const current = worker;
      let abandoned = 0;
      const stopped = new Promise<void>((resolve) => {
        onStopped = (count) => {
          abandoned = count;
          resolve();
        };
        current.once('exit', () => resolve());
      });
      send({ type: 'stop', graceMs });
      await waitAtMost(stopped, graceMs + stopReplyMarginMs);
      // Probes past their grace still hold sockets in the worker; ending it releases them.
      await current.terminate();
      return { abandoned };
    },
    get restarts() {
      return restarts;
    },
  };
}

function emptyStats(targets: number): SchedulerStats {
  const lateness = createLatenessHistogram().summarize();
  return { targets, runs: 0, skipped: 0, queuedForCap: 0, inFlight: 0, queueLength: 0, lateness };
}

/** Set by build.mjs to the bundled probe-worker.ts; absent when running from source. */
declare const UPBEAT_PROBE_WORKER_SOURCE: string | undefined;

/** Starts the real probe worker thread (the default of startProbeWorker's `startWorker`). */
export function startProbeWorkerThread(init: ProbeWorkerInit): Worker {
  return startInlineWorker({
    bundledSource: typeof UPBEAT_PROBE_WORKER_SOURCE === 'string' ? UPBEAT_PROBE_WORKER_SOURCE : undefined,
    sourceUrl: new URL('./probe-worker.ts', import.meta.url).href,
    workerData: init,
  });
}

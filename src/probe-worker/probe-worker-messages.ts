import type { Target } from '../config/config.ts';
import type { MaintenanceWindow } from '../maintenance/maintenance-window.ts';
import type { ProbeEvent } from '../probe-event.ts';
import type { SchedulerStats } from '../scheduler/scheduler.ts';
import type { State } from '../signal.ts';

/** What the probe worker starts with (its workerData): plain data, structured-clone safe. */
export interface ProbeWorkerInit {
  readonly targets: readonly Target[];
  /** Each target's stored state, so thresholds resume where they were (read on the main thread). */
  readonly initialStates: Readonly<Record<string, State | 'unknown'>>;
  readonly region: string;
  readonly maxConcurrent: number;
  /** The configured maintenance windows (a reload sends new ones as a `maintenance` message). */
  readonly maintenance: readonly MaintenanceWindow[];
  /** Log lines below this level are dropped in the worker instead of being sent. */
  readonly logLevel: LogLevel;
}

/** The levels of the Logger interface (src/log.ts), lowest first. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Main thread to probe worker. */
export type ToProbeWorker =
  | { readonly type: 'stats'; readonly id: number }
  | {
      readonly type: 'add';
      readonly targets: readonly Target[];
      readonly initialStates: Readonly<Record<string, State | 'unknown'>>;
    }
  | { readonly type: 'reschedule'; readonly targets: readonly Target[] }
  | { readonly type: 'maintenance'; readonly windows: readonly MaintenanceWindow[] }
  | { readonly type: 'remove' | 'forget'; readonly name: string }
  | { readonly type: 'stop'; readonly graceMs: number };

/** Probe worker to main thread. */
export type FromProbeWorker =
  | { readonly type: 'event'; readonly event: ProbeEvent }
  | { readonly type: 'stats'; readonly id: number; readonly stats: SchedulerStats }
  | { readonly type: 'log'; readonly level: LogLevel; readonly fields: object; readonly message: string }
  | { readonly type: 'stopped'; readonly abandoned: number };

/**
 * The event as it crosses to the main thread: the body and headers are what the check read in the
 * worker; nothing on the main thread needs them, and copying up to `maxBodyBytes` per probe would
 * cost the thread that serves requests.
 */
export function toEventMessage(event: ProbeEvent): FromProbeWorker {
  const { body: _body, headers: _headers, ...observation } = event.observation;
  return { type: 'event', event: { ...event, observation } };
}

// The probe worker's entry: the scheduler, the probes, the check and the thresholds run here, on
// their own thread, so no request the main thread serves can delay a probe. Each finished probe
// goes to the main thread as a message (start-probe-worker.ts), which publishes and stores it.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import { createMaintenanceSchedule } from '../maintenance/maintenance-schedule.ts';
import { createProber } from '../probe/probe-http.ts';
import { createProbeRunner } from '../run-probe.ts';
import { createScheduler } from '../scheduler/scheduler.ts';
import {
  logLevels,
  toEventMessage,
  type FromProbeWorker,
  type LogLevel,
  type ProbeWorkerInit,
  type ToProbeWorker,
} from './probe-worker-messages.ts';

if (parentPort) runProbeWorker(parentPort, workerData as ProbeWorkerInit);

function runProbeWorker(port: MessagePort, init: ProbeWorkerInit): void {
  const send = (message: FromProbeWorker) => port.postMessage(message);
  const log = createForwardingLogger(send, init.logLevel);
  const initialStates = new Map(Object.entries(init.initialStates));
  const prober = createProber();
  // Probes inside a window are stored in state maintenance: the judgement happens here. A reload
  // replaces the windows; each probe asks the schedule of its time.
  let maintenance = createMaintenanceSchedule(init.maintenance);
  const runner = createProbeRunner({
    probe: prober.probe,
    record: (event) => send(toEventMessage(event)),
    initialState: (name) => initialStates.get(name) ?? 'unknown',
    region: init.region,
    inMaintenance: (name, at) => maintenance.isInMaintenance(name, at),
    log,
  });
  const scheduler = createScheduler({
    targets: init.targets,
    run: (target) => runner.run(target),
    maxConcurrent: init.maxConcurrent,
    log,
  });
  scheduler.start();

  port.on('message', (message: ToProbeWorker) => {
    switch (message.type) {
      case 'stats':
        return send({ type: 'stats', id: message.id, stats: scheduler.stats() });
      case 'add':
        for (const [name, state] of Object.entries(message.initialStates)) initialStates.set(name, state);
        return scheduler.add(message.targets);
      case 'remove':
        return scheduler.remove(message.name);
      case 'reschedule':
        return scheduler.reschedule(message.targets);
      case 'maintenance':
        maintenance = createMaintenanceSchedule(message.windows);
        return;
      case 'forget':
        return void runner.forget(message.name);
      case 'stop':
        return void scheduler
          .stop(message.graceMs)
          .then(({ abandoned }) => send({ type: 'stopped', abandoned }));
    }
  });
}

/** Sends log lines at or above `level` to the main thread, whose logger writes them. */
function createForwardingLogger(send: (message: FromProbeWorker) => void, level: LogLevel): Logger {
  const threshold = logLevels.indexOf(level);
  const forward = (at: LogLevel) => (fields: object, message: string) => {
    if (logLevels.indexOf(at) < threshold) return;
    send({ type: 'log', level: at, fields: cloneableFields(fields), message });
  };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}

/** Errors become their message: what the main thread's log lines show for errors anyway. */
function cloneableFields(fields: object): object {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, value instanceof Error ? value.message : value]),
  );
}

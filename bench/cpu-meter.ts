/**
 * CPU use over a stretch of time, per bench process and for everything else on the machine. The
 * machine is shared: a figure taken while another job held a core is not the same figure, so the
 * other load is measured and printed beside the numbers rather than assumed away.
 */
import { availableParallelism } from 'node:os';
import { readCpuMs, readMachineBusyMs } from './proc-stats.ts';

/** CPU use between start and stop, in percent of one core. */
export interface CpuReading {
  readonly elapsedMs: number;
  /** Per named process (all its threads). */
  readonly percentOfCore: Readonly<Record<string, number>>;
  /** Busy time of the machine outside the named processes: other jobs, kernel threads, steal. */
  readonly otherPercentOfCore: number;
  readonly cores: number;
  /** CPU ms per named process over the stretch. */
  readonly cpuMs: Readonly<Record<string, number>>;
}

/** Starts measuring the processes in `pids` (name to pid); `stop` reads the deltas. */
export function startCpuMeter(pids: Readonly<Record<string, number>>): { stop(): CpuReading } {
  const startedAt = performance.now();
  const machineBefore = readMachineBusyMs();
  const readNamed = (name: string, pid: number) => {
    try {
      return readCpuMs(pid);
    } catch {
      throw new Error(`cpu meter: the ${name} process (pid ${pid}) is gone`);
    }
  };
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readNamed(name, pid)]));
  return {
    stop() {
      const cpuMs = Object.fromEntries(
        Object.entries(pids).map(([name, pid]) => [name, readNamed(name, pid) - before[name]!]),
      );
      const machineMs = readMachineBusyMs() - machineBefore;
      const elapsedMs = performance.now() - startedAt;
      const ours = Object.values(cpuMs).reduce((sum, ms) => sum + ms, 0);
      const percent = (ms: number) => (ms / elapsedMs) * 100;
      return {
        elapsedMs,
        percentOfCore: Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, percent(ms)])),
        // the clock-tick granularity of both sources can make this slightly negative when idle
        otherPercentOfCore: Math.max(0, percent(machineMs - ours)),
        cores: availableParallelism(),
        cpuMs,
      };
    },
  };
}

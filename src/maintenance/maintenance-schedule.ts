import { Cron } from 'croner';
import type { MaintenancePeriod, MaintenanceWindow } from './maintenance-window.ts';

// A pattern that fires more often than this would list thousands of occurrences a week.
const maxOccurrences = 200;

/**
 * Answers "which maintenance is on for this target at time t" and "what is coming", from the
 * configured windows. Pure apart from croner's calendar arithmetic: alerts (mute), uptime
 * (exclude) and the page all ask this one place.
 */
export function createMaintenanceSchedule(windows: readonly MaintenanceWindow[]) {
  const jobs = windows.map((window) =>
    window.kind === 'recurring'
      ? new Cron(window.cron, { paused: true, ...(window.timezone ? { timezone: window.timezone } : {}) })
      : undefined,
  );
  const covers = (window: MaintenanceWindow, target: string | undefined) =>
    target === undefined || window.targets === undefined || window.targets.includes(target);
  const period = (window: MaintenanceWindow, start: number, end: number): MaintenancePeriod => ({
    title: window.title,
    ...(window.text === undefined ? {} : { text: window.text }),
    ...(window.targets === undefined ? {} : { targets: window.targets }),
    start,
    end,
  });

  /** Every occurrence overlapping `[from, to)`, of windows covering `target` (all when absent), by start. */
  function periodsBetween(from: number, to: number, target?: string): MaintenancePeriod[] {
    const found: MaintenancePeriod[] = [];
    windows.forEach((window, index) => {
      if (!covers(window, target)) return;
      if (window.kind === 'once') {
        if (window.start < to && window.end > from) found.push(period(window, window.start, window.end));
        return;
      }
      // An occurrence that started up to one duration before `from` still overlaps it.
      let cursor = new Date(from - window.durationMs);
      for (let i = 0; i < maxOccurrences; i++) {
        const next = jobs[index]!.nextRun(cursor);
        if (!next || next.getTime() >= to) break;
        found.push(period(window, next.getTime(), next.getTime() + window.durationMs));
        cursor = next;
      }
    });
    return found.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  return {
    periodsBetween,
    /** The maintenance periods `target` is in at `at` (epoch ms); empty when none. */
    activeAt(target: string, at: number): MaintenancePeriod[] {
      return periodsBetween(at, at + 1, target).filter((found) => found.start <= at && at < found.end);
    },
    /** Whether `target` is in maintenance at `at`: what mutes its alerts and its incidents. */
    isInMaintenance(target: string, at: number): boolean {
      return periodsBetween(at, at + 1, target).some((found) => found.start <= at && at < found.end);
    },
  };
}

/** The schedule built from the config's `maintenance` list. */
export type MaintenanceSchedule = ReturnType<typeof createMaintenanceSchedule>;

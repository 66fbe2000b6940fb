import type { PageMaintenance } from '../status/page-extras.ts';
import type { MaintenanceSchedule } from './maintenance-schedule.ts';

const dayMs = 86_400_000;
/** How far ahead the page lists planned windows. */
export const upcomingMaintenanceDays = 7;

/** The windows under way at `now` and those starting in the coming 7 days, as the page shows them. */
export function describeMaintenance(
  schedule: MaintenanceSchedule,
  now: number,
): { ongoing: PageMaintenance[]; upcoming: PageMaintenance[] } {
  const periods = schedule.periodsBetween(now, now + upcomingMaintenanceDays * dayMs).map((period) => ({
    ...period,
    start: new Date(period.start).toISOString(),
    end: new Date(period.end).toISOString(),
    started: period.start <= now,
  }));
  const strip = ({ started: _started, ...period }: (typeof periods)[number]): PageMaintenance => period;
  return {
    ongoing: periods.filter((period) => period.started).map(strip),
    upcoming: periods.filter((period) => !period.started).map(strip),
  };
}

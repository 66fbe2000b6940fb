import { createMaintenanceSchedule, type MaintenanceSchedule } from './maintenance-schedule.ts';
import type { MaintenanceWindow } from './maintenance-window.ts';

/**
 * The maintenance schedule of the config running now: a reload replaces it, and its version
 * counts the replacements so the cached page (which lists the windows) is built again.
 */
export function createCurrentMaintenance(windows: readonly MaintenanceWindow[]) {
  let schedule = createMaintenanceSchedule(windows);
  let version = 0;
  return {
    schedule: (): MaintenanceSchedule => schedule,
    version: () => version,
    replace(next: readonly MaintenanceWindow[]): void {
      schedule = createMaintenanceSchedule(next);
      version += 1;
    },
  };
}

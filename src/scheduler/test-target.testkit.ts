import type { Schedule, Target } from '../config/config.ts';
import { createTarget } from '../config/read-target.ts';

/** Test support: a Target for scheduler tests; only the name and schedule matter here. */
export function makeTestTarget(name: string, schedule: Schedule): Target {
  const periodMs = schedule.kind === 'interval' ? schedule.everyMs : 1_000;
  return createTarget({ name, url: 'http://127.0.0.1/', schedule, periodMs });
}

// Periods (seconds) a cron pattern repeats exactly: divisors of a minute, minutes dividing an hour,
// hours dividing a day, and a day.
const divisorsOf60 = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
const divisorsOf24 = [1, 2, 3, 4, 6, 8, 12];
const patternPeriodsLongestFirst = [
  ...divisorsOf60,
  ...divisorsOf60.map((minutes) => minutes * 60),
  ...divisorsOf24.map((hours) => hours * 3600),
  86_400,
].reverse();

/** The longest period a cron pattern can repeat exactly that divides `everySeconds`. */
export function choosePatternPeriod(everySeconds: number): number {
  return patternPeriodsLongestFirst.find((period) => everySeconds % period === 0) ?? 1;
}

/**
 * A UTC croner pattern that fires every `periodSeconds`, at the seconds of the UTC day that are
 * congruent to `atSecond` (epoch seconds) modulo the period.
 */
export function buildTickPattern(periodSeconds: number, atSecond: number): string {
  const offset = atSecond % periodSeconds;
  const second = offset % 60;
  const minute = Math.floor(offset / 60) % 60;
  const hour = Math.floor(offset / 3600) % 24;
  const every = (start: number, step: number, last: number) =>
    step === 1 ? '*' : `${start}-${last}/${step}`;
  if (periodSeconds < 60) return `${every(second, periodSeconds, 59)} * * * * *`;
  if (periodSeconds < 3600) return `${second} ${every(minute, periodSeconds / 60, 59)} * * * *`;
  if (periodSeconds < 86_400) return `${second} ${minute} ${every(hour, periodSeconds / 3600, 23)} * * *`;
  return `${second} ${minute} ${hour} * * *`;
}

/**
 * The croner pattern that ticks on whole seconds at least once per `everyMs`, first at the whole
 * second after `firstRunAt` and then on that phase, so a target's ticks keep its stagger. A pattern,
 * not croner's `interval` option: croner 11 re-plans an interval job from the moment it wakes, so
 * a wake-up a few ms early (Node timers fire early when armed in a busy tick) or its 30 s sleep cap
 * pushes the next tick a whole interval late. Where the pattern period is shorter than `everyMs`
 * (45 s ticks every 15 s), the extra ticks find the next run armed and do nothing.
 */
export function tickPatternFor(everyMs: number, firstRunAt: number): string {
  return buildTickPattern(choosePatternPeriod(everyMs / 1000), Math.floor(firstRunAt / 1000) + 1);
}

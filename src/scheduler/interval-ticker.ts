import { Cron } from 'croner';

// croner never sleeps longer than 30 s in one timer; it wakes and re-plans.
const cronerLongestSleepSeconds = 30;

/**
 * The croner `interval` (in seconds) that makes croner tick a whole number of times per
 * `everySeconds`. croner 11 re-plans an interval job from the moment its 30 s wake-up happens, so
 * an interval above 30 s that is not a multiple of 30 lands on the next multiple (45 s fires every
 * 60 s). Those intervals tick on their largest divisor of at most 30 s instead; the extra ticks
 * find the next run already armed and do nothing.
 */
export function chooseCronerInterval(everySeconds: number): number {
  if (everySeconds <= cronerLongestSleepSeconds || everySeconds % cronerLongestSleepSeconds === 0) {
    return everySeconds;
  }
  for (let divisor = cronerLongestSleepSeconds; divisor > 1; divisor--) {
    if (everySeconds % divisor === 0) return divisor;
  }
  return 1;
}

/**
 * A croner job that ticks on whole seconds at least once per `everyMs`, starting at the next whole
 * second. Created when a target's first probe fires, so the ticks inherit that target's stagger.
 */
export function createIntervalTicker(
  everyMs: number,
  onTick: () => void,
  onError: (error: unknown) => void,
): Cron {
  return new Cron('* * * * * *', { interval: chooseCronerInterval(everyMs / 1000), catch: onError }, onTick);
}

import type { Signal } from '../signal.ts';
import { compareText } from './signal-order.ts';
import type { RegionFilter, Rollup, Store } from './store.ts';

const hourMs = 3_600_000;
const stepMs = { hour: hourMs, day: 24 * hourMs } as const;

/** How an exact read groups: per UTC hour, per UTC day, or the whole range as one bucket. */
export type Step = 'hour' | 'day' | 'none';

/** What one bucket is being summed into. */
interface Sums {
  target: string;
  start: number;
  checks: number;
  up: number;
  latencySum: number;
  latencyMax: number;
  maintenance: number;
}

/**
 * Per target (name order) and step (oldest first), exact sums of the signals with
 * `from <= received < to`, for any `from` and `to`: the whole hours come from the store's hourly
 * rollups, the partial hours at either edge from its raw signals. A bucket starts at its UTC
 * hour or day (`none`: at `from`) and holds only what lies inside the range; empty ones are left out.
 * Raw signals follow the rollups' rule: a probe in maintenance counts only in `maintenance`.
 */
export async function readExactRollups(
  store: Pick<Store, 'readRollups' | 'readRange'>,
  query: { from: number; to: number; step: Step; target?: string } & RegionFilter,
): Promise<Rollup[]> {
  const { from, to, step, target, region } = query;
  if (!(from < to)) return [];
  const startOf = (at: number) => (step === 'none' ? from : at - (at % stepMs[step]));
  const firstHour = Math.ceil(from / hourMs) * hourMs;
  const lastHour = Math.floor(to / hourMs) * hourMs;
  const filter = { ...(target === undefined ? {} : { target }), ...(region === undefined ? {} : { region }) };
  const whole = firstHour < lastHour;
  const edges = whole
    ? [
        [from, firstHour],
        [lastHour, to],
      ].filter(([a, b]) => a! < b!)
    : [[from, to]];
  const [rollups, ...raw] = await Promise.all([
    whole
      ? store.readRollups({
          from: firstHour,
          to: lastHour,
          size: step === 'hour' ? 'hour' : 'day',
          ...filter,
        })
      : Promise.resolve([]),
    ...edges.map(([a, b]) => store.readRange({ from: a!, to: b!, ...filter })),
  ]);

  const buckets = new Map<string, Sums>();
  const sumsFor = (name: string, start: number): Sums => {
    const key = `${start} ${name}`;
    let sums = buckets.get(key);
    if (!sums) {
      // 0, not -Infinity: latencies are never negative, and a bucket of maintenance probes only
      // has a max of 0 in the stores' rollups too.
      sums = { target: name, start, checks: 0, up: 0, latencySum: 0, latencyMax: 0, maintenance: 0 };
      buckets.set(key, sums);
    }
    return sums;
  };
  for (const rollup of rollups) {
    const sums = sumsFor(rollup.target, startOf(Math.max(rollup.start, from)));
    sums.checks += rollup.checks;
    sums.up += rollup.up;
    sums.latencySum += rollup.latencySum;
    sums.latencyMax = Math.max(sums.latencyMax, rollup.latencyMax);
    sums.maintenance += rollup.maintenance;
  }
  for (const signal of raw.flat() as Signal[]) {
    const sums = sumsFor(signal.target, startOf(signal.received));
    if (signal.state === 'maintenance') {
      sums.maintenance += 1;
      continue;
    }
    sums.checks += 1;
    sums.up += signal.available ? 1 : 0;
    sums.latencySum += signal.latencyMs;
    sums.latencyMax = Math.max(sums.latencyMax, signal.latencyMs);
  }
  return [...buckets.values()].sort((a, b) => compareText(a.target, b.target) || a.start - b.start);
}

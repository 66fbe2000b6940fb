import type { Rollup } from '../store/store.ts';
import type { UptimeQuery } from './uptime-query.ts';

const stepMs = { hour: 3_600_000, day: 86_400_000 } as const;

/** Uptime figures over one span of time. */
export interface UptimeFigures {
  readonly checks: number;
  readonly up: number;
  /** Percent of checks that were available, to 3 decimals; null without checks. */
  readonly uptime_percent: number | null;
  /** The span's length times the share of failed checks, whole ms; null without checks. */
  readonly downtime_ms: number | null;
  readonly latency_mean_ms: number | null;
  readonly latency_max_ms: number | null;
}

/** One step of a target's report: `[start, end)`, clipped to the asked range. */
export interface UptimeStep extends UptimeFigures {
  readonly start: string;
  readonly end: string;
}

/** `/api/uptime`'s body. */
export interface UptimeReport {
  readonly from: string;
  readonly to: string;
  readonly step: UptimeQuery['step'];
  readonly targets: { target: string; total: UptimeFigures; steps: UptimeStep[] }[];
}

/** Turns sums over `duration` ms into the figures. */
function figuresOf(sums: Omit<Rollup, 'target' | 'start'> | undefined, duration: number): UptimeFigures {
  if (!sums || sums.checks === 0) {
    return {
      checks: 0,
      up: 0,
      uptime_percent: null,
      downtime_ms: null,
      latency_mean_ms: null,
      latency_max_ms: null,
    };
  }
  const { checks, up } = sums;
  return {
    checks,
    up,
    uptime_percent: Math.round((up / checks) * 100_000) / 1000,
    downtime_ms: Math.round((duration * (checks - up)) / checks),
    latency_mean_ms: Math.round((sums.latencySum / checks) * 100) / 100,
    latency_max_ms: sums.latencyMax,
  };
}

/**
 * The report for `targets` from exact per-step sums (readExactRollups with the query's step):
 * every step of the range is listed, empty ones with zero checks; `total` covers the whole range.
 */
export function buildUptimeReport(
  query: UptimeQuery,
  targets: readonly string[],
  sums: readonly Rollup[],
): UptimeReport {
  const { from, to, step } = query;
  const starts: number[] = [];
  if (step === 'none') starts.push(from);
  else for (let at = from - (from % stepMs[step]); at < to; at += stepMs[step]) starts.push(at);
  const iso = (at: number) => new Date(at).toISOString();
  return {
    from: iso(from),
    to: iso(to),
    step,
    targets: targets.map((target) => {
      const own = new Map(sums.filter((sum) => sum.target === target).map((sum) => [sum.start, sum]));
      let total: Omit<Rollup, 'target' | 'start'> = {
        checks: 0,
        up: 0,
        latencySum: 0,
        latencyMax: -Infinity,
      };
      const steps = starts.map((start, index) => {
        const clippedStart = Math.max(start, from);
        const end = Math.min(starts[index + 1] ?? to, to);
        const sum = own.get(start);
        if (sum) {
          total = {
            checks: total.checks + sum.checks,
            up: total.up + sum.up,
            latencySum: total.latencySum + sum.latencySum,
            latencyMax: Math.max(total.latencyMax, sum.latencyMax),
          };
        }
        return { start: iso(clippedStart), end: iso(end), ...figuresOf(sum, end - clippedStart) };
      });
      return { target, total: figuresOf(total, to - from), steps };
    }),
  };
}

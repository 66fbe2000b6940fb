import type { Rollup } from '../store/store.ts';
import type { UptimeQuery } from './uptime-query.ts';

const stepMs = { hour: 3_600_000, day: 86_400_000 } as const;

/**
 * Uptime figures over one span of time. Probes in a maintenance window count neither as up nor as
 * down (the SLA convention): they are left out of checks, up, uptime and latencies, and reported
 * apart, so the span's probes are `checks + maintenance_checks`.
 */
export interface UptimeFigures {
  readonly checks: number;
  readonly up: number;
  /** Percent of checks that were available, to 3 decimals; null without checks. */
  readonly uptime_percent: number | null;
  /** The span's length times the share of its probes that failed, whole ms; null without probes. */
  readonly downtime_ms: number | null;
  readonly latency_mean_ms: number | null;
  readonly latency_max_ms: number | null;
  /** Probes in maintenance, excluded from the figures above. */
  readonly maintenance_checks: number;
  /** The span's length times the share of its probes in maintenance, whole ms; null without probes. */
  readonly maintenance_ms: number | null;
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

type Sums = Omit<Rollup, 'target' | 'start'>;

const noSums: Sums = { checks: 0, up: 0, latencySum: 0, latencyMax: 0, maintenance: 0 };

/** Turns sums over `duration` ms into the figures: each probe stands for an equal share of it. */
function figuresOf(sums: Sums, duration: number): UptimeFigures {
  const { checks, up, maintenance } = sums;
  const probes = checks + maintenance;
  const shareOf = (count: number) => (probes === 0 ? null : Math.round((duration * count) / probes));
  return {
    checks,
    up,
    uptime_percent: checks === 0 ? null : Math.round((up / checks) * 100_000) / 1000,
    downtime_ms: shareOf(checks - up),
    latency_mean_ms: checks === 0 ? null : Math.round((sums.latencySum / checks) * 100) / 100,
    latency_max_ms: checks === 0 ? null : sums.latencyMax,
    maintenance_checks: maintenance,
    maintenance_ms: shareOf(maintenance),
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
      let total = noSums;
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
            maintenance: total.maintenance + sum.maintenance,
          };
        }
        return { start: iso(clippedStart), end: iso(end), ...figuresOf(sum ?? noSums, end - clippedStart) };
      });
      return { target, total: figuresOf(total, to - from), steps };
    }),
  };
}

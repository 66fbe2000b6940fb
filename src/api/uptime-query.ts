import { HTTPException } from 'hono/http-exception';
import type { Step } from '../store/read-exact-rollups.ts';
import { readInstantParameter, singleParameter } from './parse-instant.ts';

const dayMs = 86_400_000;
const defaultSpanMs = 30 * dayMs; // a month: the usual SLA period
const stepMs = { hour: 3_600_000, day: dayMs } as const;
/** Most step buckets one response may hold, over all its targets: bounds its size (~200 B each). */
export const maxUptimeBuckets = 20_000;

/** A checked `/api/uptime` request. */
export interface UptimeQuery {
  readonly from: number;
  readonly to: number;
  readonly step: Step;
  /** Absent: every configured target. */
  readonly target?: string;
}

/**
 * Reads `/api/uptime`'s parameters: `from` and `to` (ISO 8601 or epoch ms; default the 30 days
 * up to now; `to` later than now counts up to now), `step` (`hour`, `day` or `none`, the default),
 * `target`. A range must lie inside the `retentionDays` kept and hold at most maxUptimeBuckets
 * steps over `targetCount` targets (one when a target is named); each violation is a 400 with why.
 */
export function parseUptimeQuery(
  query: Record<string, string[]>,
  context: { now: number; retentionDays: number; targetCount: number },
): UptimeQuery {
  const { now, retentionDays } = context;
  const to = Math.min(readInstantParameter(query, 'to') ?? now, now);
  const from = readInstantParameter(query, 'from') ?? to - defaultSpanMs;
  const oldest = now - retentionDays * dayMs;
  if (from < oldest) {
    throw new HTTPException(400, {
      message: `from: before the ${retentionDays} days of history kept (earliest ${new Date(oldest).toISOString()})`,
    });
  }
  if (!(from < to)) throw new HTTPException(400, { message: 'from: must be before to (and before now)' });
  const rawStep = singleParameter(query, 'step') ?? 'none';
  if (rawStep !== 'hour' && rawStep !== 'day' && rawStep !== 'none') {
    throw new HTTPException(400, {
      message: `step: expected hour, day or none, got ${JSON.stringify(rawStep)}`,
    });
  }
  const target = singleParameter(query, 'target');
  if (rawStep !== 'none') {
    const size = stepMs[rawStep];
    const steps = Math.ceil(to / size) - Math.floor(from / size);
    const buckets = steps * (target === undefined ? context.targetCount : 1);
    if (buckets > maxUptimeBuckets) {
      throw new HTTPException(400, {
        message: `step: ${buckets} buckets asked for, at most ${maxUptimeBuckets}: a shorter range, a larger step or one target`,
      });
    }
  }
  return { from, to, step: rawStep, ...(target === undefined ? {} : { target }) };
}

import { HTTPException } from 'hono/http-exception';
import type { CountedIncident } from '../incidents/read-incidents.ts';
import { incidentSeverity } from '../incidents/state-change.ts';
import { reasonLabels } from '../signal-reasons.ts';
import { readInstantParameter, singleParameter } from './parse-instant.ts';

const dayMs = 86_400_000;
/** What `/api/incidents` reads when not told: the page's "recent" window. */
export const defaultIncidentDays = 14;
const defaultLimit = 50;
// Each incident costs one count query on the store: keep a request's cost bounded.
const maxLimit = 500;

/**
 * `/api/incidents` parameters, validated: a bad one is a 400 naming it. `from` and `to` take what
 * `/api/uptime` and `/api/signals` take (parse-instant.ts: ISO 8601, no zone meaning UTC, or epoch ms).
 */
export function parseIncidentsQuery(
  query: Record<string, string[]>,
  now: number,
): { from: number; to: number; limit: number; target?: string } {
  const to = readInstantParameter(query, 'to') ?? now;
  const from = readInstantParameter(query, 'from') ?? to - defaultIncidentDays * dayMs;
  if (from >= to) throw badRequest(`from: must be before to`);
  const limit = parseLimit(singleParameter(query, 'limit'));
  const target = singleParameter(query, 'target');
  return { from, to, limit, ...(target === undefined ? {} : { target }) };
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return defaultLimit;
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= maxLimit))
    throw badRequest(`limit: must be an integer from 1 to ${maxLimit}, got ${JSON.stringify(raw)}`);
  return limit;
}

function badRequest(message: string): HTTPException {
  return new HTTPException(400, { message });
}

/** One incident as `/api/incidents` sends it (snake_case, ISO times, the reason also in words). */
export function toIncidentRecord(incident: CountedIncident, now: number) {
  return {
    target: incident.target,
    region: incident.region,
    severity: incidentSeverity[incident.worst],
    worst_state: incident.worst,
    start: new Date(incident.start).toISOString(),
    end: incident.end === null ? null : new Date(incident.end).toISOString(),
    ongoing: incident.end === null,
    duration_ms: (incident.end ?? now) - incident.start,
    reason: incident.reason,
    reason_text: incident.reason === null ? null : reasonLabels[incident.reason],
    http_status: incident.httpStatus,
    failed_probes: incident.failedProbes,
  };
}

/** The wire shape of one incident (what the page reads too). */
export type IncidentRecord = ReturnType<typeof toIncidentRecord>;

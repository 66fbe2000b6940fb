import { HTTPException } from 'hono/http-exception';
import type { CountedIncident } from '../incidents/read-incidents.ts';
import { incidentSeverity } from '../incidents/state-change.ts';
import { reasonLabels } from '../signal-reasons.ts';

const dayMs = 86_400_000;
/** What `/api/incidents` reads when not told: the page's "recent" window. */
export const defaultIncidentDays = 14;
const defaultLimit = 50;
// Each incident costs one count query on the store: keep a request's cost bounded.
const maxLimit = 500;

/** `/api/incidents` parameters, validated: a bad one is a 400 naming it. */
export function parseIncidentsQuery(
  read: (name: string) => string[] | undefined,
  now: number,
): { from: number; to: number; limit: number; target?: string } {
  const to = parseInstant('to', read('to')) ?? now;
  const from = parseInstant('from', read('from')) ?? to - defaultIncidentDays * dayMs;
  if (from >= to) throw badRequest(`from: must be before to`);
  const limit = parseLimit(read('limit'));
  const target = single('target', read('target'));
  return { from, to, limit, ...(target === undefined ? {} : { target }) };
}

function single(name: string, values: string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  if (values.length !== 1) throw badRequest(`${name}: give it once, got ${values.length} values`);
  return values[0];
}

/** An ISO 8601 date-time with a zone (`Z` or an offset), or epoch ms. */
function parseInstant(name: string, values: string[] | undefined): number | undefined {
  const raw = single(name, values);
  if (raw === undefined) return undefined;
  const instant = /^\d{1,15}$/.test(raw)
    ? Number(raw)
    : /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(raw)
      ? Date.parse(raw)
      : Number.NaN;
  if (!Number.isFinite(instant))
    throw badRequest(
      `${name}: expected an ISO 8601 date-time with a zone or epoch ms, got ${JSON.stringify(raw)}`,
    );
  return instant;
}

function parseLimit(values: string[] | undefined): number {
  const raw = single('limit', values);
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

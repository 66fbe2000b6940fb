import { HTTPException } from 'hono/http-exception';

// ISO 8601 as a date, or a date and time with an optional zone (Date.parse's own forms are wider).
const isoPattern = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;
// Up to 15 digits: to the year 33658, inside what a Date holds (8.64e15 ms).
const epochPattern = /^\d{1,15}$/;

/**
 * The OpenAPI schema of what parseInstant accepts, for every endpoint that takes one (the pattern
 * checks the form; a date that does not exist, such as month 13, is still a 400).
 */
export const instantSchema = {
  type: 'string',
  pattern: `^(?:${epochPattern.source.slice(1, -1)}|${isoPattern.source.slice(1, -1)})$`,
  description:
    'ISO 8601: a date (2026-07-01, its UTC midnight) or a date-time, no zone meaning UTC (2026-07-01T10:30, 2026-07-01T10:30:00Z, 2026-07-01T12:30:00+02:00); or epoch milliseconds',
} as const;

/**
 * A query parameter that names an instant: ISO 8601 (`2026-07-01`, `2026-07-01T00:00:00Z`; no zone
 * means UTC) or epoch milliseconds. Anything else is a 400 naming the parameter.
 */
export function parseInstant(name: string, raw: string): number {
  let at = Number.NaN;
  if (epochPattern.test(raw)) at = Number(raw);
  else if (isoPattern.test(raw)) {
    const zoned = /T.*(?:Z|[+-]\d\d:?\d\d)$/.test(raw) || !raw.includes('T') ? raw : `${raw}Z`;
    at = Date.parse(zoned);
  }
  if (!Number.isFinite(at)) {
    throw new HTTPException(400, {
      message: `${name}: expected ISO 8601 (2026-07-01T00:00:00Z) or epoch milliseconds, got ${JSON.stringify(raw)}`,
    });
  }
  return at;
}

/** The one value of a query parameter; repeating it is a 400 (which one was meant is a guess). */
export function singleParameter(query: Record<string, string[]>, name: string): string | undefined {
  const values = query[name];
  if (values === undefined) return undefined;
  if (values.length !== 1) throw new HTTPException(400, { message: `${name}: give it once` });
  return values[0];
}

/** The instant a query parameter names (parseInstant), or undefined when absent; repeated: a 400. */
export function readInstantParameter(query: Record<string, string[]>, name: string): number | undefined {
  const raw = singleParameter(query, name);
  return raw === undefined ? undefined : parseInstant(name, raw);
}

import { HTTPException } from 'hono/http-exception';

// ISO 8601 as a date, or a date and time with an optional zone (Date.parse's own forms are wider).
const isoPattern = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;

/**
 * A query parameter that names an instant: ISO 8601 (`2026-07-01`, `2026-07-01T00:00:00Z`; no zone
 * means UTC) or epoch milliseconds. Anything else is a 400 naming the parameter.
 */
export function parseInstant(name: string, raw: string): number {
  let at = Number.NaN;
  if (/^\d{1,15}$/.test(raw)) at = Number(raw);
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

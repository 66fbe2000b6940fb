import { describeValue } from './read-fields.ts';

// ISO 8601 with a zone: a time without one would mean a different instant on every server.
const isoWithZone = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** An ISO 8601 time with an offset (or Z), as epoch ms. YAML may hand it over as a Date already. */
export function readInstant(value: unknown, path: string, errors: string[]): number | undefined {
  const text = value instanceof Date ? value.toISOString() : value;
  const instant = typeof text === 'string' && isoWithZone.test(text.trim()) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(instant)) {
    errors.push(
      `${path}: expected an ISO 8601 time with an offset like 2026-12-01T02:00:00+01:00, got ${describeValue(value)}`,
    );
    return undefined;
  }
  return instant;
}

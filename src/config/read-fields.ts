import { parseDuration } from './duration.ts';
import { redactUrl } from './public-url.ts';

/**
 * Readers for one untyped value (from YAML or an environment variable) each: they return the typed value,
 * or push `<path>: <problem>` onto `errors` and return undefined, so a caller collects every problem.
 */

/** RFC 9110 token characters: what node accepts as a header name. */
export const headerNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * A value as it appears in an error message: JSON, shortened so one bad field cannot flood the
 * output, and text redacted like a URL, since a misplaced target URL may carry a password.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  const text = JSON.stringify(typeof value === 'string' ? redactUrl(value) : value);
  // Long enough to recognise a URL, short enough to keep the error on one line.
  return text.length > 80 ? `${text.slice(0, 77)}..."` : text;
}

/** `base.key`, or just `key` at the top level. */
export function joinPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

/** A mapping whose keys are all in `allowedKeys`; every other key is reported as unknown. */
export function readMapping(
  value: unknown,
  path: string,
  allowedKeys: readonly string[],
  errors: string[],
): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(`${path}: expected a mapping, got ${describeValue(value)}`);
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key))
      errors.push(`${joinPath(path, key)}: unknown key${suggestKey(key, allowedKeys)}`);
  }
  return value as Record<string, unknown>;
}

function suggestKey(key: string, allowedKeys: readonly string[]): string {
  // Two edits covers a swapped or missing letter ("intreval", "timout") without suggesting nonsense.
  const closest = allowedKeys.find((allowed) => countEdits(key.toLowerCase(), allowed.toLowerCase()) <= 2);
  return closest === undefined ? '' : ` (did you mean "${closest}"?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function countEdits(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Text with surrounding spaces removed; empty text is a problem. */
export function readText(value: unknown, path: string, errors: string[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push(`${path}: expected non-empty text, got ${describeValue(value)}`);
    return undefined;
  }
  return value.trim();
}

/** true or false. */
export function readBoolean(value: unknown, path: string, errors: string[]): boolean | undefined {
  if (typeof value !== 'boolean') {
    errors.push(`${path}: expected true or false, got ${describeValue(value)}`);
    return undefined;
  }
  return value;
}

/** A whole number in `min..max`; digits in a string count too, since environment variables are text. */
export function readInteger(
  value: unknown,
  path: string,
  range: { min: number; max?: number },
  errors: string[],
): number | undefined {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < range.min || number > max) {
    const wanted = range.max === undefined ? `>= ${range.min}` : `${range.min}..${range.max}`;
    errors.push(`${path}: expected an integer ${wanted}, got ${describeValue(value)}`);
    return undefined;
  }
  return number;
}

/** A duration like "30s" or "1m30s", in milliseconds. */
export function readDuration(value: unknown, path: string, errors: string[]): number | undefined {
  const milliseconds = typeof value === 'string' ? parseDuration(value) : undefined;
  if (milliseconds === undefined) {
    errors.push(`${path}: expected a duration like 30s, got ${describeValue(value)}`);
  }
  return milliseconds;
}

/** An absolute http: or https: URL, returned as written (trimmed) so the API shows what the user wrote. */
export function readHttpUrl(value: unknown, path: string, errors: string[]): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  const protocol = URL.canParse(text) ? new URL(text).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') {
    errors.push(`${path}: must be an http(s) URL, got ${describeValue(value)}`);
    return undefined;
  }
  return text;
}

/** One of `choices`, matched without regard to case and returned as the choice is spelled. */
export function readChoice<Choice extends string>(
  value: unknown,
  path: string,
  choices: readonly Choice[],
  errors: string[],
): Choice | undefined {
  const found =
    typeof value === 'string'
      ? choices.find((choice) => choice.toLowerCase() === value.trim().toLowerCase())
      : undefined;
  if (found === undefined) {
    errors.push(`${path}: expected one of ${choices.join(', ')}, got ${describeValue(value)}`);
  }
  return found;
}

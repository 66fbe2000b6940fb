import type { StatusRange } from './config.ts';
import { describeValue } from './read-fields.ts';

// The codes HTTP defines; anything outside is a typo, not an expectation.
const lowestStatus = 100;
const highestStatus = 599;

/**
 * `expect.status`: a list of codes and "from-to" ranges, or one code, or one range string.
 * Each bad entry is reported at its own index.
 */
export function readStatusRanges(value: unknown, path: string, errors: string[]): StatusRange[] | undefined {
  if (!Array.isArray(value)) {
    const range = readStatusRange(value, path, errors);
    return range && [range];
  }
  if (value.length === 0) {
    errors.push(`${path}: expected at least one status code or range`);
    return undefined;
  }
  const ranges = value.map((entry, index) => readStatusRange(entry, `${path}[${index}]`, errors));
  return ranges.every((range) => range !== undefined) ? ranges : undefined;
}

function readStatusRange(value: unknown, path: string, errors: string[]): StatusRange | undefined {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  const match = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(text);
  const from = Number(match?.[1]);
  const to = match?.[2] === undefined ? from : Number(match[2]);
  if (match === null || from < lowestStatus || to > highestStatus || from > to) {
    errors.push(
      `${path}: expected a status code ${lowestStatus}..${highestStatus} or a range like "200-399", got ${describeValue(value)}`,
    );
    return undefined;
  }
  return { from, to };
}

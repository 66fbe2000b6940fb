const millisecondsPerUnit = {
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
} as const;

// Units largest first, each at most once ("1h30m", not "30m1h"), so a typo cannot hide a sum.
// The `m(?!s)` lookahead keeps "500ms" from reading as 500 minutes plus a stray "s".
const durationPattern = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * Milliseconds in a duration like "500ms", "30s", "1m", "2h", "1d" or "1m30s" (whole numbers, units
 * largest first), or undefined when the text is not one.
 */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  if (!match || match[0] === '') return undefined;
  const [, days, hours, minutes, seconds, milliseconds] = match;
  const total =
    Number(days ?? 0) * millisecondsPerUnit.d +
    Number(hours ?? 0) * millisecondsPerUnit.h +
    Number(minutes ?? 0) * millisecondsPerUnit.m +
    Number(seconds ?? 0) * millisecondsPerUnit.s +
    Number(milliseconds ?? 0) * millisecondsPerUnit.ms;
  return Number.isSafeInteger(total) ? total : undefined;
}

/** The shortest duration text for whole milliseconds: 90000 -> "1m30s", 0 -> "0s". */
export function formatDuration(milliseconds: number): string {
  let rest = milliseconds;
  let text = '';
  for (const [unit, size] of Object.entries(millisecondsPerUnit)) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text || '0s';
}

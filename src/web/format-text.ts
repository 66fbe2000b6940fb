/**
 * Text formatting shared by the server render and the browser. Everything is UTC and hand-made
 * (no Intl, no locale): the server and the browser must produce byte-identical attributes, since
 * hydration keeps the server's attributes as they are.
 */

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `99.95%`, truncated (not rounded) so 99.999 never claims 100%. */
export function formatPercent(percent: number): string {
  if (percent >= 100) return '100%';
  // two decimals tell 99.9% from 99.99%, the difference SLAs are written in
  return `${(Math.floor(percent * 100) / 100).toFixed(2)}%`;
}

/**
 * Latency to two significant digits (`41`, `230`, `1200`): a probe's timing jitters more than
 * that, and fewer distinct digits keep the page's thousand bar labels small.
 */
export function roundLatency(ms: number): number {
  const unit = ms < 100 ? 1 : 10 ** (Math.floor(Math.log10(ms)) - 1);
  return Math.round(ms / unit) * unit;
}

/** `41 ms`, `230 ms`, `1.2 s`; `–` when null. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '–';
  const rounded = roundLatency(ms);
  return rounded >= 1000 ? `${(rounded / 1000).toFixed(1)} s` : `${rounded} ms`;
}

/** `27 Nov` for a UTC day. */
export function formatDay(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]}`;
}

/** `14:05` (UTC). */
export function formatClock(epochMs: number, withSeconds = false): string {
  const iso = new Date(epochMs).toISOString();
  return iso.slice(11, withSeconds ? 19 : 16);
}

/**
 * `27 Nov 14:00 UTC, 1 h`: a bucket as its start and length. (A `14:00–15:00` range would read
 * the same but costs about 200 bytes more gzipped over a page's thousand labels.)
 */
export function formatBucket(startMs: number, stepMs: number): string {
  return `${formatDay(startMs)} ${formatClock(startMs)} UTC, ${Math.round(stepMs / 3_600_000)} h`;
}

/** `just now`, `42 s ago`, `5 min ago`, `3 h ago`, `2 d ago`: how old a time is at `now`. */
export function formatAge(thenMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  // under 5 s the number would flicker on every refresh without telling anything
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

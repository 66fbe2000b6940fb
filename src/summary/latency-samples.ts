/**
 * Latency samples kept in 2 bytes each: a log-scale code with steps of 1 %, so a decoded value is
 * within 0.5 % of what was measured. 20,000 targets at 60 s keep a day of samples in ~60 MB
 * instead of ~120 MB as float32, and percentiles stay exact to that 0.5 %.
 */
const floorMs = 0.01; // below any latency a real network shows
const step = Math.log(1.01);
const maxCode = 0xffff;

/** Encodes a latency in ms into its 1 % log-scale code. */
export function encodeLatency(ms: number): number {
  if (!(ms > floorMs)) return 0;
  return Math.min(maxCode, Math.round(Math.log(ms / floorMs) / step));
}

/** Decodes a code back to ms, rounded to 0.1 ms (finer digits would claim precision we dropped). */
export function decodeLatency(code: number): number {
  return Math.round(floorMs * Math.exp(code * step) * 10) / 10;
}

/** A growable list of latency codes for one time bucket. */
export class LatencySamples {
  #codes = new Uint16Array(8);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  add(ms: number): void {
    if (this.#length === this.#codes.length) {
      const grown = new Uint16Array(this.#codes.length * 2);
      grown.set(this.#codes);
      this.#codes = grown;
    }
    this.#codes[this.#length++] = encodeLatency(ms);
  }

  /** The codes in use (a view, not a copy). */
  view(): Uint16Array {
    return this.#codes.subarray(0, this.#length);
  }
}

/**
 * Nearest-rank percentiles (0 < p <= 1) over several sample lists, in ms; null when empty.
 * One sort serves every percentile asked for.
 */
export function percentiles(lists: readonly LatencySamples[], ranks: readonly number[]): (number | null)[] {
  let total = 0;
  for (const list of lists) total += list.length;
  if (total === 0) return ranks.map(() => null);
  const merged = new Uint16Array(total);
  let offset = 0;
  for (const list of lists) {
    merged.set(list.view(), offset);
    offset += list.length;
  }
  merged.sort();
  return ranks.map((rank) => decodeLatency(merged[Math.max(0, Math.ceil(rank * total) - 1)]!));
}

/** Percentiles of how late probes started, in milliseconds. */
export interface LatenessSummary {
  readonly count: number;
  /** Total of every recorded lateness (ms): Prometheus' summary `_sum`, for the mean. */
  readonly sum: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** A fixed-size histogram of lateness: O(1) to record, no allocation, bounded memory forever. */
export interface LatenessHistogram {
  record(lateMs: number): void;
  summarize(): LatenessSummary;
}

// Exact buckets below 128 ms, where the p99 < 50 ms goal lives.
const exactLimit = 128;
const exactBits = 7; // log2(exactLimit)
// Above that, 16 buckets per power of two: at most 1/16 (6.25%) over the true value.
const subBucketBits = 4;
const subBuckets = 1 << subBucketBits;
// Values are clamped below 2^31 ms (24 days), the range of Math.clz32's 32-bit input.
const largestExponent = 30;
const bucketCount = exactLimit + (largestExponent - exactBits + 1) * subBuckets;

function indexOf(ms: number): number {
  if (ms < exactLimit) return ms;
  const exponent = 31 - Math.clz32(ms);
  const sub = (ms >>> (exponent - subBucketBits)) & (subBuckets - 1);
  return exactLimit + (exponent - exactBits) * subBuckets + sub;
}

function upperBoundOf(index: number): number {
  if (index < exactLimit) return index;
  const exponent = exactBits + Math.floor((index - exactLimit) / subBuckets);
  const sub = (index - exactLimit) % subBuckets;
  const width = 2 ** (exponent - subBucketBits);
  return (subBuckets + sub + 1) * width - 1;
}

/** Create an empty histogram; negative lateness (clock rounding) counts as 0. */
export function createLatenessHistogram(): LatenessHistogram {
  const counts = new Float64Array(bucketCount);
  let count = 0;
  let sum = 0;
  let max = 0;

  function percentile(fraction: number): number {
    const rank = Math.ceil(fraction * count);
    let seen = 0;
    for (let index = 0; index < bucketCount; index++) {
      seen += counts[index]!;
      if (seen >= rank) return Math.min(upperBoundOf(index), max);
    }
    return max;
  }

  return {
    record(lateMs) {
      const ms = Math.min(Math.max(0, Math.round(lateMs)), 2 ** 31 - 1);
      counts[indexOf(ms)]!++;
      count++;
      sum += ms;
      if (ms > max) max = ms;
    },
    summarize() {
      if (count === 0) return { count: 0, sum: 0, p50: 0, p99: 0, max: 0 };
      return { count, sum, p50: percentile(0.5), p99: percentile(0.99), max };
    },
  };
}

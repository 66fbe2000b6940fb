import { createCachedRepresentation } from './cached-representation.ts';
import { createRepresentationCache, type RepresentationReader } from './representation-cache.ts';

/**
 * A 30-day daily report of 100 targets is ~0.5 MB of JSON; the largest allowed (20,000 buckets)
 * ~4 MB: a few of those, and any number of small ones up to the key count.
 */
const cacheBounds = { maxBytes: 24 * 1024 * 1024, maxEntries: 32 };

/**
 * `/api/uptime` bodies, one per query, computed at most once per `minAgeMs` however many ask: a
 * month of daily sums for 100 targets reads 72,000 rollup rows and builds 0.5 MB of JSON (~60 ms of
 * the main thread), so 50 connections asking the same thing share one read a second instead of
 * each paying for its own (18 req/s). Concurrent askers wait for the same read. An answer is at
 * most `minAgeMs` older than the store, as `/api/status` is older than the probes.
 */
export function createUptimeBodies(options: { minAgeMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  type Compute = () => Promise<string>;
  const cache = createRepresentationCache<[Compute]>(cacheBounds);

  /**
   * Recomputes the body (and its ETag and compressed forms) once it is `minAgeMs` old, with the
   * asking request's `compute`: its query was read against its own clock.
   */
  function createRefreshed(): RepresentationReader<[Compute]> {
    let text: string | undefined;
    let version = 0;
    let computedAt = -Infinity;
    let pending: Promise<void> | undefined;
    const representation = createCachedRepresentation({
      version: () => version,
      build: () => text!,
      minAgeMs: 0,
    });
    return async (encoding, compute) => {
      if (text === undefined || now() - computedAt >= options.minAgeMs) {
        pending ??= (async () => {
          const at = now();
          text = await compute();
          computedAt = at;
          version += 1;
        })().finally(() => (pending = undefined));
        await pending;
      }
      return representation(encoding);
    };
  }

  /** The body of the query named `key`; `compute` reads it from the store when it is due. */
  return (key: string, compute: Compute): RepresentationReader =>
    (encoding) =>
      cache(key, createRefreshed, encoding, compute);
}

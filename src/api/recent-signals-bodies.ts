import type { Signal } from '../signal.ts';
import { groupSignals } from '../status/signal-record.ts';
import type { RecentQuery, RecentSignals } from '../store/recent-signals.ts';
import { createCachedRepresentation } from './cached-representation.ts';
import { formatSignalsCsv } from './signals-csv.ts';
import { createRepresentationCache, type RepresentationReader } from './representation-cache.ts';

/** A `/api/signals` answer: the tutorial's JSON groups, or CSV. */
export function formatSignalsBody(signals: readonly Signal[], csv: boolean): string {
  return csv ? formatSignalsCsv(signals) : JSON.stringify(groupSignals(signals));
}

/** The content type that goes with formatSignalsBody. */
export function signalsContentType(csv: boolean): string {
  return csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
}

/**
 * The default query over 100 targets is ~1.5 MB plain; a full 30,000-record body ~7 MB: a few of
 * those, and any number of small ones up to the key count.
 */
const cacheBounds = { maxBytes: 24 * 1024 * 1024, maxEntries: 64 };

/**
 * `/api/signals` bodies built from the recent signals in memory, one cached representation (ETag,
 * gzip, brotli) per query, rebuilt only when the signals or the config changed: under 50
 * connections asking the same thing the server hands out the same bytes. Only for a query the
 * memory covers (`recent.covers`): the caller asks that first, and reads the store otherwise.
 */
export function createRecentSignalsBodies(options: {
  recent: RecentSignals;
  /** The URL the API may show for a stored signal (changes with the config). */
  publish: (signal: Signal) => Signal;
  /** Grows whenever `publish` may answer differently. */
  configVersion: () => number;
  /** Oldest a body may be when newer signals exist (as for /api/status). */
  minAgeMs: number;
}) {
  const cache = createRepresentationCache(cacheBounds);
  return (query: RecentQuery, csv: boolean): RepresentationReader => {
    const key = JSON.stringify([query.target ?? null, query.limit, csv]);
    const create = () =>
      createCachedRepresentation({
        // both only ever grow, so their sum changes whenever either does
        version: () => options.recent.version() + options.configVersion(),
        build: () => formatSignalsBody(options.recent.read(query).map(options.publish), csv),
        minAgeMs: options.minAgeMs,
      });
    return (encoding) => cache(key, create, encoding);
  };
}

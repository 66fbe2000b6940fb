import type { Signal } from '../signal.ts';
import { groupSignals } from '../status/signal-record.ts';
import type { RecentQuery, RecentSignals } from '../store/recent-signals.ts';
import { createCachedRepresentation, type Representation } from './cached-representation.ts';
import { formatSignalsCsv } from './signals-csv.ts';

/** A `/api/signals` answer: the tutorial's JSON groups, or CSV. */
export function formatSignalsBody(signals: readonly Signal[], csv: boolean): string {
  return csv ? formatSignalsCsv(signals) : JSON.stringify(groupSignals(signals));
}

/** The content type that goes with formatSignalsBody. */
export function signalsContentType(csv: boolean): string {
  return csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
}

/**
 * Most bytes (plain, gzip and brotli together) the cached bodies may hold: the default query over
 * 100 targets is ~1.5 MB plain; a full 30,000-record body ~7 MB. Beyond it the least recently
 * asked bodies go, so cycling through queries costs the build of each, never unbounded memory.
 */
const maxCachedBytes = 24 * 1024 * 1024;
/** Most queries with a cached body: each costs a closure and buffers even when its body is `[]`. */
const maxCachedQueries = 64;

/**
 * `/api/signals` bodies built from the recent signals in memory, one cached representation (ETag,
 * gzip, brotli) per query, rebuilt only when the signals or the config changed: under 50
 * connections asking the same thing the server hands out the same bytes. `undefined` when memory
 * cannot answer exactly and the store must.
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
  type Entry = { read: () => Promise<Representation>; bytes: number };
  const entries = new Map<string, Entry>(); // least recently asked first
  let cachedBytes = 0;

  function create(query: RecentQuery, csv: boolean): Entry {
    return {
      bytes: 0,
      read: createCachedRepresentation({
        // both only ever grow, so their sum changes whenever either does
        version: () => options.recent.version() + options.configVersion(),
        build: () => formatSignalsBody(options.recent.read(query).map(options.publish), csv),
        minAgeMs: options.minAgeMs,
      }),
    };
  }

  return async (query: RecentQuery, csv: boolean): Promise<Representation | undefined> => {
    if (!options.recent.covers(query)) return undefined;
    const key = JSON.stringify([query.target ?? null, query.limit, csv]);
    const entry = entries.get(key) ?? create(query, csv);
    entries.delete(key);
    entries.set(key, entry);
    const body = await entry.read();
    // another request may have evicted it meanwhile: then it holds nothing to count
    if (entries.get(key) !== entry) return body;
    const bytes = body.identity.length + body.gzip.length + body.br.length;
    cachedBytes += bytes - entry.bytes;
    entry.bytes = bytes;
    for (const [oldest, { bytes: size }] of entries) {
      if ((cachedBytes <= maxCachedBytes && entries.size <= maxCachedQueries) || oldest === key) break;
      entries.delete(oldest);
      cachedBytes -= size;
    }
    return body;
  };
}

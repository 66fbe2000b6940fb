import type { Representation } from './cached-representation.ts';

/** Reads one key's current representation (see createCachedRepresentation), given what this request knows. */
export type RepresentationReader<Args extends unknown[] = []> = (...args: Args) => Promise<Representation>;

/**
 * Cached representations by key (one per query), least recently asked evicted first once they
 * hold more than `maxBytes` (plain, gzip and brotli together) or `maxEntries` keys: cycling
 * through queries costs the build of each, never unbounded memory.
 */
export function createRepresentationCache<Args extends unknown[] = []>(options: {
  maxBytes: number;
  maxEntries: number;
}) {
  type Entry = { read: RepresentationReader<Args>; bytes: number };
  const entries = new Map<string, Entry>(); // least recently asked first
  let cachedBytes = 0;

  /** The representation of `key`, its reader made by `create` the first time (or after its eviction). */
  return async (
    key: string,
    create: () => RepresentationReader<Args>,
    ...args: Args
  ): Promise<Representation> => {
    const entry = entries.get(key) ?? { read: create(), bytes: 0 };
    entries.delete(key);
    entries.set(key, entry);
    const body = await entry.read(...args);
    // another request may have evicted it meanwhile: then it holds nothing to count
    if (entries.get(key) !== entry) return body;
    const bytes = body.identity.length + body.gzip.length + body.br.length;
    cachedBytes += bytes - entry.bytes;
    entry.bytes = bytes;
    for (const [oldest, { bytes: size }] of entries) {
      const within = cachedBytes <= options.maxBytes && entries.size <= options.maxEntries;
      if (within || oldest === key) break;
      entries.delete(oldest);
      cachedBytes -= size;
    }
    return body;
  };
}

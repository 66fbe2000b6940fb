import type { Encoding, Representation } from './cached-representation.ts';

/** Reads one key's current body in one encoding (see createCachedRepresentation), given what this request knows. */
export type RepresentationReader<Args extends unknown[] = []> = (
  encoding: Encoding,
  ...args: Args
) => Promise<Representation>;

/**
 * Cached representations by key (one per query), least recently asked evicted first once they
 * hold more than `maxBytes` (the last size seen of each encoding, together) or `maxEntries` keys:
 * cycling through queries costs the build of each, never unbounded memory.
 */
export function createRepresentationCache<Args extends unknown[] = []>(options: {
  maxBytes: number;
  maxEntries: number;
}) {
  type Entry = { read: RepresentationReader<Args>; sizes: Map<Encoding, number>; bytes: number };
  const entries = new Map<string, Entry>(); // least recently asked first
  let cachedBytes = 0;

  /** The body of `key` in `encoding`, its reader made by `create` the first time (or after its eviction). */
  return async (
    key: string,
    create: () => RepresentationReader<Args>,
    encoding: Encoding,
    ...args: Args
  ): Promise<Representation> => {
    const entry = entries.get(key) ?? { read: create(), sizes: new Map(), bytes: 0 };
    entries.delete(key);
    entries.set(key, entry);
    const answer = await entry.read(encoding, ...args);
    // another request may have evicted it meanwhile: then it holds nothing to count
    if (entries.get(key) !== entry) return answer;
    entry.sizes.set(encoding, answer.body.length);
    const bytes = [...entry.sizes.values()].reduce((sum, size) => sum + size, 0);
    cachedBytes += bytes - entry.bytes;
    entry.bytes = bytes;
    for (const [oldest, { bytes: size }] of entries) {
      const within = cachedBytes <= options.maxBytes && entries.size <= options.maxEntries;
      if (within || oldest === key) break;
      entries.delete(oldest);
      cachedBytes -= size;
    }
    return answer;
  };
}

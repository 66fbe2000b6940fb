import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A response body with its precompressed variants and ETag, built once per version. */
export interface Representation {
  readonly etag: string;
  readonly identity: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
}

/**
 * Builds a body (and its gzip and brotli forms) only when `version()` changed, and not more often
 * than every `minAgeMs`: under 10,000 req/s the server hands out the same bytes instead of
 * serializing and compressing per request. Readers may see data up to `minAgeMs` old.
 */
export function createCachedRepresentation(options: {
  version: () => number;
  build: () => string;
  minAgeMs: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const bootId = Math.floor(Math.random() * 0xffffffff).toString(36);
  let current: (Representation & { version: number; builtAt: number }) | undefined;

  return (): Representation => {
    const version = options.version();
    const at = now();
    if (current && (current.version === version || at - current.builtAt < options.minAgeMs)) return current;
    const identity = Buffer.from(options.build());
    current = {
      version,
      builtAt: at,
      etag: `"${bootId}-${version}"`,
      identity,
      // level 9: ~7 % smaller than 6 for a few ms, paid at most once per maxStaleMs
      gzip: gzipSync(identity, { level: 9 }),
      // quality 5: close to 11's size on JSON at a small fraction of its CPU, rebuilt often
      br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    };
    return current;
  };
}

/** Picks the smallest encoding the client accepts. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  if (!acceptEncoding) return 'identity';
  if (/\bbr\b/.test(acceptEncoding)) return 'br';
  if (/\bgzip\b/.test(acceptEncoding)) return 'gzip';
  return 'identity';
}

import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** How a body goes over the wire. */
export type Encoding = 'br' | 'gzip' | 'identity';
type Compressed = Exclude<Encoding, 'identity'>;

/** A response body in one encoding, with the ETag of the version it was built from. */
export interface Representation {
  readonly etag: string;
  readonly body: Buffer;
}

// Past this gzip compresses fast rather than small: on 35 MB of JSON (20,000 targets) level 9 took
// 2 s on a busy 2-core machine and level 6 0.3 s for 8 % more bytes. Brotli 4 was no faster than 5.
const largeBodyBytes = 1 << 20;
// A page polling every 15 s (live updates refused) still counts as asking for its encoding.
const askedRecentlyMs = 60_000;

/** Compresses off the event loop (libuv's thread pool), at a level that suits the body's size. */
function compress(identity: Buffer, encoding: Compressed): Promise<Buffer> {
  if (encoding === 'gzip') {
    // level 9: ~7 % smaller than 6, paid at most once a second and off the event loop
    return gzipAsync(identity, { level: identity.length > largeBodyBytes ? 6 : 9 });
  }
  // quality 5: close to 11's size on JSON at a small fraction of its CPU
  return brotliAsync(identity, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
  });
}

/**
 * Builds a body only when `version()` changed, and not more often than every `minAgeMs`: under
 * 10,000 req/s the server hands out the same bytes instead of serializing and compressing per
 * request. Only encodings asked for in the last minute are compressed, on libuv's thread pool, and
 * a new copy replaces the current one once all of them are ready.
 *
 * While readers keep coming, the copy is kept warm: a reader that sees newer data schedules a
 * rebuild for when the copy turns `minAgeMs` old, run after its own answer has gone out, and gets
 * the current copy. So a copy handed out is at most `minAgeMs` plus one rebuild behind, and nobody
 * waits for a rebuild (at 20,000 targets one takes longer than `minAgeMs` on a busy machine, and
 * waiting for it cost every poll 0.3-7 s). A reader after a quiet spell (the copy and any rebuild
 * under way started over `2 × minAgeMs` apart), or any reader when `minAgeMs` is 0, waits for
 * the newest.
 */
export function createCachedRepresentation(options: {
  version: () => number;
  build: () => string | Buffer;
  minAgeMs: number;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const bootId = Math.floor(Math.random() * 0xffffffff).toString(36);
  interface Copy {
    readonly version: number;
    readonly builtAt: number;
    readonly etag: string;
    readonly identity: Buffer;
    readonly encoded: Map<Compressed, Promise<Buffer>>;
  }
  let current: Copy | undefined;
  let pending: { promise: Promise<Copy>; version: number; startedAt: number } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const askedAt = new Map<Compressed, number>();

  function rebuild(): Promise<Copy> {
    const version = options.version();
    const builtAt = now();
    const promise = (async () => {
      const built = options.build();
      const identity = typeof built === 'string' ? Buffer.from(built) : built;
      const encoded = new Map<Compressed, Promise<Buffer>>();
      for (const [encoding, at] of askedAt) {
        if (builtAt - at < askedRecentlyMs) encoded.set(encoding, compress(identity, encoding));
      }
      await Promise.all(encoded.values());
      const copy: Copy = { version, builtAt, etag: `"${bootId}-${version}"`, identity, encoded };
      if (!current || copy.version >= current.version) current = copy;
      return copy;
    })();
    pending = { promise, version, startedAt: builtAt };
    // a failed rebuild leaves the current copy; the next reader that sees newer data tries again
    promise.then(
      () => (pending = pending?.promise === promise ? undefined : pending),
      () => (pending = pending?.promise === promise ? undefined : pending),
    );
    return promise;
  }

  /** Starts a rebuild when the copy turns `minAgeMs` old, unless one is under way or planned. */
  function keepWarm(copy: Copy, at: number): void {
    if (pending || timer) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        if (options.version() !== current?.version) rebuild().catch(() => {});
      },
      Math.max(0, copy.builtAt + options.minAgeMs - at),
    );
    timer.unref();
  }

  async function readCopy(): Promise<Copy> {
    const version = options.version();
    const at = now();
    if (current?.version === version) return current;
    if (current && options.minAgeMs > 0) {
      const since = pending ? pending.startedAt : at;
      if (since - current.builtAt < 2 * options.minAgeMs) {
        keepWarm(current, at);
        return current;
      }
    }
    // with minAgeMs one rebuild serves every waiting reader (at 20,000 targets the first takes
    // seconds, and each of 50 connections starting its own made none of them finish); at 0 a
    // reader waits for the data it could see
    return pending && (pending.version === version || options.minAgeMs > 0) ? pending.promise : rebuild();
  }

  return async (encoding: Encoding): Promise<Representation> => {
    if (encoding !== 'identity') askedAt.set(encoding, now());
    const copy = await readCopy();
    if (encoding === 'identity') return { etag: copy.etag, body: copy.identity };
    let body = copy.encoded.get(encoding);
    if (!body) {
      // first ask for this encoding (or the first in a minute): this reader waits for it once
      body = compress(copy.identity, encoding);
      copy.encoded.set(encoding, body);
    }
    return { etag: copy.etag, body: await body };
  };
}

/** Picks the smallest encoding the client accepts. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  if (/\bbr\b/.test(acceptEncoding)) return 'br';
  if (/\bgzip\b/.test(acceptEncoding)) return 'gzip';
  return 'identity';
}

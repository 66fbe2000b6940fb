import type { CacheConfig, LiveConfig } from './config.ts';
import { configDefaults } from './defaults.ts';
import { formatDuration } from './duration.ts';
import { describeValue, joinPath, readDuration, readInteger, readMapping } from './read-fields.ts';

const liveKeys = ['interval', 'heartbeat', 'maxStreams'];
const cacheKeys = ['sharedMaxAge', 'staleWhileRevalidate'];
const limits = {
  // faster than 10 a second is no longer "coalesced"; slower than a minute is no longer live
  interval: { min: 100, max: 60_000 },
  // common proxies close a connection idle for 30-60 s; a heartbeat per second would be noise
  heartbeat: { min: 1_000, max: 300_000 },
  // Cache-Control ages are whole seconds; a day is far past anything a status page should show
  cacheAge: { min: 0, max: 86_400_000 },
};

/** The `live:` block: how `/api/events` streams are fed and how many may be open. */
export function readLiveConfig(block: unknown, errors: string[]): LiveConfig {
  const defaults = configDefaults.live;
  const raw = block === undefined ? {} : (readMapping(block, 'live', liveKeys, errors) ?? {});
  return {
    intervalMs:
      readBoundedDuration(raw.interval, 'live.interval', limits.interval, errors) ?? defaults.intervalMs,
    heartbeatMs:
      readBoundedDuration(raw.heartbeat, 'live.heartbeat', limits.heartbeat, errors) ?? defaults.heartbeatMs,
    maxStreams:
      raw.maxStreams === undefined
        ? defaults.maxStreams
        : (readInteger(raw.maxStreams, joinPath('live', 'maxStreams'), { min: 0 }, errors) ?? 0),
  };
}

/** The `cache:` block: what a reverse proxy or CDN may do with the page and `/api/status`. */
export function readCacheConfig(block: unknown, errors: string[]): CacheConfig {
  const defaults = configDefaults.cache;
  const raw = block === undefined ? {} : (readMapping(block, 'cache', cacheKeys, errors) ?? {});
  const seconds = (key: string, fallback: number) => {
    const ms = readBoundedDuration(raw[key], joinPath('cache', key), limits.cacheAge, errors);
    if (ms !== undefined && ms % 1000 !== 0) {
      errors.push(`cache.${key}: expected whole seconds, got ${describeValue(raw[key])}`);
      return fallback;
    }
    return ms === undefined ? fallback : ms / 1000;
  };
  return {
    sharedMaxAgeSeconds: seconds('sharedMaxAge', defaults.sharedMaxAgeSeconds),
    staleWhileRevalidateSeconds: seconds('staleWhileRevalidate', defaults.staleWhileRevalidateSeconds),
  };
}

/** A duration within `range` (ms), or undefined when absent or wrong (and reported). */
function readBoundedDuration(
  value: unknown,
  path: string,
  range: { min: number; max: number },
  errors: string[],
): number | undefined {
  if (value === undefined) return undefined;
  const ms = readDuration(value, path, errors);
  if (ms === undefined) return undefined;
  if (ms < range.min || ms > range.max) {
    errors.push(
      `${path}: expected ${formatDuration(range.min)} to ${formatDuration(range.max)}, got ${describeValue(value)}`,
    );
    return undefined;
  }
  return ms;
}

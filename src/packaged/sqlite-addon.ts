import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import sea from 'node:sea';

/** better-sqlite3's native addon among the executable's assets (build.mjs puts it there). */
export const embeddedAddonKey = 'better_sqlite3.node';

/** Where an addon file was put, and how to tidy up once it is loaded. */
export interface PlacedAddon {
  readonly file: string;
  /** Removes a temporary copy (a loaded addon stays mapped); keeps a cached one. */
  release(): void;
}

/**
 * Loads the SQLite addon embedded in the single executable. dlopen needs a file, so the bytes are
 * written once to the user's cache and loaded from there on every later start. What better-sqlite3
 * gets instead of `require('bindings')('better_sqlite3.node')` (see build.mjs).
 */
export function loadEmbeddedSqliteAddon(): unknown {
  const bytes = new Uint8Array(sea.getAsset(embeddedAddonKey));
  const placed = placeAddon(bytes, {
    cacheDir: () => findCacheDir(process.env, homedir),
    tempRoot: tmpdir(),
  });
  const module = { exports: {} };
  try {
    process.dlopen(module, placed.file);
  } finally {
    placed.release();
  }
  return module.exports;
}

/** `$XDG_CACHE_HOME/upbeat`, else `~/.cache/upbeat` (a relative XDG_CACHE_HOME is ignored, as the spec says). */
export function findCacheDir(env: NodeJS.ProcessEnv, home: () => string): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home(), '.cache'), 'upbeat');
}

/**
 * Puts the addon at `<cacheDir>/<sha256>/better_sqlite3.node`, content-addressed so executables of
 * different versions share the cache without clashing. A file already there is used only if its
 * bytes hash the same. Two processes starting at once each write their own temporary name and
 * rename it into place: rename is atomic, so neither ever loads a half-written file. When the
 * cache cannot be written (read-only home, no home at all), the addon goes to a fresh folder under
 * `tempRoot` that `release` removes.
 */
export function placeAddon(
  bytes: Uint8Array,
  options: { cacheDir: () => string; tempRoot: string },
): PlacedAddon {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const dir = join(options.cacheDir(), sha256);
    const file = join(dir, embeddedAddonKey);
    if (!hashesTo(file, sha256)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      try {
        writeFileSync(temporary, bytes, { mode: 0o644 });
        renameSync(temporary, file);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
    }
    return { file, release() {} };
  } catch {
    const dir = mkdtempSync(join(options.tempRoot, 'upbeat-addon-'));
    const file = join(dir, embeddedAddonKey);
    writeFileSync(file, bytes, { mode: 0o644 });
    return { file, release: () => rmSync(dir, { recursive: true, force: true }) };
  }
}

function hashesTo(file: string, sha256: string): boolean {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex') === sha256;
  } catch {
    return false;
  }
}

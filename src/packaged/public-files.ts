import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sea from 'node:sea';
import type { Context, MiddlewareHandler } from 'hono';
import { serveStatic as serveContent } from 'hono/serve-static';
import { serveStatic as serveFolder } from '@hono/node-server/serve-static';

/** Where the embedded page files sit among the executable's assets (build.mjs puts them there). */
export const embeddedPublicPrefix = 'public/';

/** The status page's static files (public/): read one at start-up, or serve them all over HTTP. */
export interface PublicFiles {
  /** The file at `path` (relative to public/, e.g. "assets/manifest.json"), or undefined. */
  read(path: string): Uint8Array | undefined;
  /** Middleware answering GET/HEAD for the files (the `.br`/`.gz` twins when `precompressed`). */
  serve(options: { precompressed?: boolean; onFound(path: string, c: Context): void }): MiddlewareHandler;
}

/** The files of a public/ folder on disk: `npm start`, the bundle, the container. */
export function readPublicFolder(dir: string): PublicFiles {
  return {
    read(path) {
      try {
        return readFileSync(join(dir, path));
      } catch {
        return undefined;
      }
    },
    serve: (options) => serveFolder({ root: dir, ...options }),
  };
}

/**
 * The files embedded in the single executable (dist/upbeat) as SEA assets. `getAsset` throws for
 * a key that is not there; that is a 404, not an error.
 */
export function readEmbeddedPublicFiles(getAsset: (key: string) => ArrayBuffer = sea.getAsset): PublicFiles {
  const read = (path: string) => {
    try {
      return new Uint8Array(getAsset(`${embeddedPublicPrefix}${path}`));
    } catch {
      return undefined;
    }
  };
  return {
    read,
    serve: (options) =>
      serveContent({
        ...options,
        // keys are relative ("assets/app.js"); hono has already refused "..", "//" and backslashes
        join: (_root, path) => path.replace(/^\/+/, ''),
        getContent: async (path) => read(path) ?? null,
      }),
  };
}

/** The embedded files when running as the single executable, else the public/ folder at `dir`. */
export function locatePublicFiles(dir: () => string): PublicFiles {
  return sea.isSea() ? readEmbeddedPublicFiles() : readPublicFolder(dir());
}

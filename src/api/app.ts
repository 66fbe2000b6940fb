import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import type { Target } from '../config/config.ts';
import { configDefaults } from '../config/defaults.ts';
import { createStoredUrlPublisher } from '../config/public-url.ts';
import type { Store } from '../store/store.ts';
import type { StatusSummary } from '../summary/status-summary.ts';
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import type { StatusResponse } from '../status/wire-types.ts';
import type { PageExtras } from '../status/page-extras.ts';
import type { PublicFiles } from '../packaged/public-files.ts';
import type { EventHub } from './event-hub.ts';
import { chooseEncoding, createCachedRepresentation, type Representation } from './cached-representation.ts';
import { groupSignals } from '../status/signal-record.ts';
import { openApiDocument } from './openapi.ts';
import { readIncidents } from '../incidents/read-incidents.ts';
import { parseIncidentsQuery, toIncidentRecord } from './incidents-query.ts';

/** Everything the HTTP app reads from; `start-upbeat.ts` wires the real ones, tests their own. */
export interface AppDependencies {
  readonly targets: readonly Target[];
  /** The top-level `publicUrls`: whether history of targets no longer configured shows their URL (default true). */
  readonly publicUrls?: boolean;
  readonly store: Store;
  readonly summary: StatusSummary;
  readonly hub: EventHub;
  /** The page's static files and built assets (a folder, or embedded in the executable). */
  readonly publicFiles: PublicFiles;
  /** Renders the status page's HTML for a snapshot (and its extras), and the CSP header that goes with it. */
  readonly page: { render(status: StatusResponse, extras?: PageExtras): string; csp: string };
  /** What the page shows besides the targets, with a version that bumps when it changes. */
  readonly pageExtras?: { version(): number; read(): PageExtras };
  readonly readiness: () => { ready: boolean; detail?: string };
  /** Prometheus text exposition. */
  readonly metrics: () => string;
  readonly log?: Logger;
  /** Oldest a cached `/api/status` or page may be when newer data exists (default 1000 ms). */
  readonly maxStaleMs?: number;
  /** The Atom feed's body (absent: no feed, 404). */
  readonly feed?: () => string;
  /** The clock incidents are measured against (default Date.now). */
  readonly now?: () => number;
}

const maxLimit = 10_000;
const sseHeartbeatMs = 25_000; // below the 30-60 s idle timeouts of common proxies

/** Builds the Hono app: the JSON API, live events and the status page. Opens no port. */
export function createApp(deps: AppDependencies): Hono {
  const log = deps.log ?? silentLogger;
  const configured = new Set(deps.targets.map((target) => target.name));
  const publishUrl = createStoredUrlPublisher(deps.targets, deps.publicUrls ?? configDefaults.publicUrls);
  const maxStaleMs = deps.maxStaleMs ?? 1000;
  const now = deps.now ?? Date.now;
  const statusBody = createCachedRepresentation({
    version: deps.summary.version,
    build: () => deps.summary.snapshotJson(),
    minAgeMs: maxStaleMs,
  });
  const pageBody = createCachedRepresentation({
    // both only ever grow, so their sum changes whenever either does
    version: () => deps.summary.version() + (deps.pageExtras?.version() ?? 0),
    build: () => deps.page.render(deps.summary.snapshot(), deps.pageExtras?.read()),
    minAgeMs: maxStaleMs,
  });

  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    log.error(
      { err: error instanceof Error ? error.message : String(error), path: c.req.path },
      'request failed',
    );
    return c.json({ error: 'internal error' }, 500);
  });
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: `no such endpoint: ${c.req.path}` }, 404)
      : c.text('not found', 404),
  );

  app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const readiness = deps.readiness();
    return c.json({ ready: readiness.ready, detail: readiness.detail ?? null }, readiness.ready ? 200 : 503);
  });
  app.get('/metrics', (c) => c.text(deps.metrics(), 200, { 'Content-Type': 'text/plain; version=0.0.4' }));

  app.get('/api/signals', compress(), async (c) => {
    const limit = parseLimit(c.req.queries('limit'));
    const target = c.req.query('target');
    const signals = await readHistory(() =>
      deps.store.readSignals({ limit, ...(target === undefined ? {} : { target }) }),
    );
    if (target !== undefined && signals.length === 0 && !configured.has(target)) {
      throw new HTTPException(404, { message: `target: no target named ${JSON.stringify(target)}` });
    }
    return c.json(
      groupSignals(
        signals.map((signal) => {
          const url = publishUrl(signal);
          return url === signal.url ? signal : { ...signal, url };
        }),
      ),
    );
  });

  app.get('/api/incidents', compress(), async (c) => {
    const at = now();
    const query = parseIncidentsQuery((name) => c.req.queries(name), at);
    const incidents = await readHistory(() => readIncidents(deps.store, { ...query, now: at }));
    if (query.target !== undefined && incidents.length === 0 && !configured.has(query.target)) {
      throw new HTTPException(404, { message: `target: no target named ${JSON.stringify(query.target)}` });
    }
    return c.json({ incidents: incidents.map((incident) => toIncidentRecord(incident, at)) });
  });

  app.get('/api/status', async (c) =>
    sendRepresentation(c, await statusBody(), 'application/json; charset=utf-8'),
  );

  app.get('/api/openapi.json', (c) => c.json(openApiDocument));

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n'), sseHeartbeatMs);
      const events = deps.hub.subscribe(abort.signal);
      try {
        await stream.writeSSE({ event: 'hello', data: JSON.stringify({ version: deps.summary.version() }) });
        for await (const event of events) await stream.writeSSE(event);
      } finally {
        clearInterval(heartbeat);
      }
    }),
  );

  app.get('/feed.atom', (c) => {
    if (!deps.feed) return c.text('not found', 404);
    const body = deps.feed();
    // the body holds no clock: the same incidents and windows give the same bytes and ETag
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    const ifNoneMatch = c.req.header('If-None-Match');
    if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });

  app.get('/', async (c) => {
    c.header('Content-Security-Policy', deps.page.csp);
    return sendRepresentation(c, await pageBody(), 'text/html; charset=utf-8');
  });
  app.get('/index.html', (c) => c.redirect('/', 301));

  app.use(
    '/assets/*',
    deps.publicFiles.serve({
      precompressed: true,
      // content-hashed names never change meaning, so browsers may keep them for a year
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use(
    '/*',
    deps.publicFiles.serve({
      onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=3600'),
    }),
  );

  return app;
}

/** A store that cannot answer (QuestDB down or still starting) is a 503 with its reason, not a 500. */
async function readHistory<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HTTPException(503, { message: `history store unavailable: ${reason}` });
  }
}

/** `limit` must be a plain integer from 1 to 10,000; anything else is the client's mistake. */
function parseLimit(values: string[] | undefined): number {
  if (values === undefined) return 60; // the tutorial's default: an hour of one-minute probes
  const raw = values.join(',');
  const limit = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= maxLimit)) {
    throw new HTTPException(400, {
      message: `limit: must be an integer from 1 to ${maxLimit}, got ${JSON.stringify(raw)}`,
    });
  }
  return limit;
}

/** Sends a cached body in the client's best encoding, or 304 when its ETag still matches. */
function sendRepresentation(c: Context, body: Representation, contentType: string): Response {
  c.header('ETag', body.etag);
  c.header('Vary', 'Accept-Encoding');
  // always revalidate: the ETag makes that a cheap 304
  c.header('Cache-Control', 'no-cache');
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(body.etag)) return c.body(null, 304);
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  c.header('Content-Type', contentType);
  if (encoding !== 'identity') c.header('Content-Encoding', encoding);
  const bytes = encoding === 'identity' ? body.identity : body[encoding];
  return c.body(bytes as Uint8Array<ArrayBuffer>);
}

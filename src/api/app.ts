import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import type { HttpBindings } from '@hono/node-server';
import type { CacheConfig, Target } from '../config/config.ts';
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
import { openEventStream } from './open-event-stream.ts';
import { chooseEncoding, createCachedRepresentation } from './cached-representation.ts';
import { openApiDocument } from './openapi.ts';
import { readIncidents } from '../incidents/read-incidents.ts';
import { parseIncidentsQuery, toIncidentRecord } from './incidents-query.ts';
import { metricsContentType } from './metrics.ts';
import { parseSignalsLimit } from './signals-query.ts';
import { describeBadge, parseBadgePath } from '../badge/badge-faces.ts';
import { sendBadge } from '../badge/send-badge.ts';
import { readHistory } from './read-history.ts';
import { isRangeRequest, sendSignalRange } from './signal-range.ts';
import { wantsCsv } from './signals-csv.ts';
import { createRecentSignalsBodies, formatSignalsBody, signalsContentType } from './recent-signals-bodies.ts';
import type { RecentSignals } from '../store/recent-signals.ts';
import { parseUptimeQuery } from './uptime-query.ts';
import { buildUptimeReport } from './uptime-report.ts';
import { createUptimeBodies } from './uptime-bodies.ts';
import { readExactRollups } from '../store/read-exact-rollups.ts';
import type { Signal } from '../signal.ts';

/** Everything the HTTP app reads from; `start-upbeat.ts` wires the real ones, tests their own. */
export interface AppDependencies {
  /** The configured targets (a getter when a reload may change them). */
  readonly targets: readonly Target[];
  /** The top-level `publicUrls`: whether history of targets no longer configured shows their URL (default true). */
  readonly publicUrls?: boolean;
  readonly store: Store;
  /**
   * The newest signals in memory: `/api/signals` without a range answers from them when they hold
   * exactly what the store would return (absent, as with a shared QuestDB table: always the store).
   */
  readonly recentSignals?: RecentSignals;
  readonly summary: StatusSummary;
  readonly hub: EventHub;
  /** The page's static files and built assets (a folder, or embedded in the executable). */
  readonly publicFiles: PublicFiles;
  /**
   * Renders the status page's HTML for a snapshot (and its extras), and the CSP header that goes
   * with it (read per request).
   */
  readonly page: { render(status: StatusResponse, extras?: PageExtras): string; csp: string };
  /** What the page shows besides the targets, with a version that bumps when it changes. */
  readonly pageExtras?: { version(): number; read(): PageExtras };
  readonly readiness: () => { ready: boolean; detail?: string };
  /** Prometheus text exposition. */
  readonly metrics: () => string | Promise<string>;
  readonly log?: Logger;
  /** Days of history kept (`retention`): the oldest instant `/api/uptime` accepts (default 400). */
  readonly retentionDays?: number;
  /** Oldest a cached `/api/status` or page may be when newer data exists (default 1000 ms). */
  readonly maxStaleMs?: number;
  /** The Atom feed's body (absent: no feed, 404). */
  readonly feed?: () => string;
  /** The clock incidents are measured against (default Date.now). */
  readonly now?: () => number;
  /** What a reverse proxy or CDN may cache of the page and `/api/status` (default: the config's defaults). */
  readonly cache?: CacheConfig;
}

// a probe a second at most adds one record per target: a few seconds in a cache cost little
const signalsCacheControl = 'public, max-age=5';

/** Builds the Hono app: the JSON API, live events and the status page. Opens no port. */
export function createApp(deps: AppDependencies): Hono<{ Bindings: Partial<HttpBindings> }> {
  const log = deps.log ?? silentLogger;
  // `targets` and `publicUrls` may be getters that a config reload changes: rebuilt when they do.
  let known: { targets: readonly Target[]; publicUrls: boolean } | undefined;
  let configured = new Set<string>();
  let publishUrl: ReturnType<typeof createStoredUrlPublisher> = () => '';
  let configVersion = 0; // bumps when `publish` may answer differently: cached bodies rebuild
  function followConfig(): void {
    const { targets, publicUrls = configDefaults.publicUrls } = deps;
    if (known?.targets === targets && known.publicUrls === publicUrls) return;
    known = { targets, publicUrls };
    configVersion += 1;
    configured = new Set(targets.map((target) => target.name));
    publishUrl = createStoredUrlPublisher(targets, publicUrls);
  }
  const maxStaleMs = deps.maxStaleMs ?? 1000;
  const now = deps.now ?? Date.now;
  const cacheControl = describeCacheControl(deps.cache ?? configDefaults.cache);

  /** A stored signal with the URL the API may show for it. */
  const publish = (signal: Signal): Signal => {
    const url = publishUrl(signal);
    return url === signal.url ? signal : { ...signal, url };
  };
  const statusBody = createCachedRepresentation({
    version: deps.summary.version,
    build: () => deps.summary.snapshotBytes(),
    minAgeMs: maxStaleMs,
  });
  const recentBodies =
    deps.recentSignals &&
    createRecentSignalsBodies({
      recent: deps.recentSignals,
      publish,
      configVersion: () => configVersion,
      minAgeMs: maxStaleMs,
    });
  const uptimeBodies = createUptimeBodies({ minAgeMs: maxStaleMs });
  const pageBody = createCachedRepresentation({
    // both only ever grow, so their sum changes whenever either does
    version: () => deps.summary.version() + (deps.pageExtras?.version() ?? 0),
    build: () => deps.page.render(deps.summary.snapshot(), deps.pageExtras?.read()),
    minAgeMs: maxStaleMs,
  });

  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();

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

  // every response, errors and static files included: no MIME sniffing, no Referer to the sites the page links to
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
  });

  // before the CORS middleware: the stream writes its own headers, CORS included
  app.get('/api/events', (c) => openEventStream(c, deps.hub, deps.summary.version()));
  app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const readiness = deps.readiness();
    return c.json({ ready: readiness.ready, detail: readiness.detail ?? null }, readiness.ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => c.body(await deps.metrics(), 200, { 'Content-Type': metricsContentType }));

  // `/signals` is the original tutorial's path: its client fetched `/signals?limit=60`
  app.use('/signals', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));
  // the body depends on Accept (CSV or JSON) as well as Accept-Encoding: a shared cache must key on both
  app.on('GET', ['/api/signals', '/signals'], async (c, next) => {
    await next();
    c.res.headers.set('Vary', 'Accept, Accept-Encoding');
  });
  app.on('GET', ['/api/signals', '/signals'], compress(), async (c) => {
    followConfig();
    if (isRangeRequest(c.req.queries())) return sendSignalRange(c, { store: deps.store, publish });
    const target = c.req.query('target');
    const limit = parseSignalsLimit(c.req.queries('limit'), target === undefined ? configured.size : 1);
    const query = { limit, ...(target === undefined ? {} : { target }) };
    const csv = wantsCsv(c.req.query('format'), c.req.header('Accept'));
    const recent = deps.recentSignals;
    if (recentBodies && recent?.covers(query)) {
      if (target !== undefined && !recent.has(target) && !configured.has(target)) {
        throw unknownTarget(target);
      }
      return sendRepresentation(c, recentBodies(query, csv), signalsContentType(csv), signalsCacheControl);
    }
    const signals = await readHistory(() => deps.store.readSignals(query));
    if (target !== undefined && signals.length === 0 && !configured.has(target)) {
      throw unknownTarget(target);
    }
    c.header('Cache-Control', signalsCacheControl);
    return c.body(formatSignalsBody(signals.map(publish), csv), 200, {
      'Content-Type': signalsContentType(csv),
    });
  });

  app.get('/api/uptime', async (c) => {
    followConfig();
    const query = parseUptimeQuery(c.req.queries(), {
      now: Date.now(),
      retentionDays: deps.retentionDays ?? configDefaults.retentionDays,
      targetCount: deps.targets.length,
    });
    // the parameters as given (`to` absent means now): the same words ask the same question
    const key = JSON.stringify([
      configVersion,
      ...['target', 'from', 'to', 'step'].map((name) => c.req.query(name)),
    ]);
    const read = uptimeBodies(key, async () => {
      const sums = await readHistory(() => readExactRollups(deps.store, query));
      if (query.target !== undefined && sums.length === 0 && !configured.has(query.target)) {
        throw unknownTarget(query.target);
      }
      const names = query.target === undefined ? deps.targets.map((target) => target.name) : [query.target];
      return JSON.stringify(buildUptimeReport(query, names, sums));
    });
    return sendRepresentation(c, read, 'application/json; charset=utf-8', 'no-cache');
  });

  app.get('/api/incidents', compress(), async (c) => {
    followConfig();
    const at = now();
    const query = parseIncidentsQuery(c.req.queries(), at);
    const incidents = await readHistory(() => readIncidents(deps.store, { ...query, now: at }));
    if (query.target !== undefined && incidents.length === 0 && !configured.has(query.target)) {
      throw unknownTarget(query.target);
    }
    return c.json({ incidents: incidents.map((incident) => toIncidentRecord(incident, at)) });
  });

  app.get('/api/status', async (c) =>
    sendRepresentation(c, statusBody, 'application/json; charset=utf-8', cacheControl),
  );

  app.get('/api/openapi.json', (c) => c.json(openApiDocument));

  app.use('/badge/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));
  // from the in-memory summary, like /api/status: a README full of badges never reads the store
  app.get('/badge/:target/:badge{.+}', (c) => {
    const request = parseBadgePath(c.req.param('badge'));
    if (!request) {
      throw new HTTPException(404, {
        message: `badge: no badge ${JSON.stringify(c.req.param('badge'))}; see /api/openapi.json`,
      });
    }
    const name = c.req.param('target');
    const status = deps.summary.targetStatus(name);
    if (!status) throw unknownTarget(name);
    return sendBadge(c, describeBadge(status, request.badge), request.format);
  });

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
    return sendRepresentation(c, pageBody, 'text/html; charset=utf-8', cacheControl);
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

/**
 * Browsers always revalidate (max-age=0: the ETag makes that a cheap 304); shared caches may
 * answer from their copy for `s-maxage` and, while one request refreshes it, for
 * `stale-while-revalidate` more. No `must-revalidate`: it would forbid exactly that.
 */
export function describeCacheControl(cache: CacheConfig): string {
  return `public, max-age=0, s-maxage=${cache.sharedMaxAgeSeconds}, stale-while-revalidate=${cache.staleWhileRevalidateSeconds}`;
}

/** The 404 of every endpoint that takes a `target` (or a badge's name) no config or history knows. */
function unknownTarget(name: string): HTTPException {
  return new HTTPException(404, { message: `target: no target named ${JSON.stringify(name)}` });
}

/** Sends a cached body in the client's best encoding, or 304 when its ETag still matches. */
async function sendRepresentation(
  c: Context,
  read: ReturnType<typeof createCachedRepresentation>,
  contentType: string,
  cacheControl: string,
): Promise<Response> {
  const encoding = chooseEncoding(c.req.header('Accept-Encoding'));
  const { etag, body } = await read(encoding);
  c.header('ETag', etag);
  c.header('Vary', 'Accept-Encoding');
  c.header('Cache-Control', cacheControl);
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  if (encoding !== 'identity') c.header('Content-Encoding', encoding);
  return c.body(body as Uint8Array<ArrayBuffer>);
}

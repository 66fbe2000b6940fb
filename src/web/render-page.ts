import { renderToString } from 'preact-render-to-string';
import type { BucketSeries, StatusResponse } from '../status/wire-types.ts';
import { html } from 'htm/preact';
import { roundLatency } from './format-text.ts';
import type { PageExtras } from '../status/page-extras.ts';
import { AnnouncementList } from './announcement-list.ts';
import { OngoingMaintenance, UpcomingMaintenance } from './maintenance-notice.ts';
import { packSnapshot } from './page-snapshot.ts';
import { defaultView, isCompact } from './page-view.ts';
import { extrasScriptId, pageRootId, StatusPage, statusScriptId } from './status-page.ts';

const noPageExtras: PageExtras = { incidents: [], maintenance: { ongoing: [], upcoming: [] } };

/** The hashed URLs build.mjs wrote to public/assets/manifest.json. */
export interface PageAssets {
  readonly script: string;
  readonly style: string;
}

/**
 * The whole status page as HTML: server-rendered markup (complete without JavaScript), the
 * snapshot it was rendered from as JSON for hydration (packed: page-snapshot.ts; only what compact rows
 * draw when the page opens in them), and the hashed assets.
 */
export function renderIndexHtml(options: {
  status: StatusResponse;
  extras?: PageExtras;
  assets: PageAssets;
}): string {
  const { assets, extras = noPageExtras } = options;
  const status = roundForPage(options.status);
  const head = renderToString(html`
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>${status.title}</title>
    ${status.description && html`<meta name="description" content=${status.description} />`}
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href=${assets.style} />
    <script type="module" src=${assets.script}></script>
  `);
  const live = { incidents: extras.incidents };
  const body = renderToString(html`<${StatusPage} initial=${status} extras=${live} />`);
  // from the config, like the document's title: never re-rendered, so outside the hydrated root
  const header = renderToString(html`
    <header class="top">
      <div class="brand">
        ${status.logo_url ? html`<img src=${status.logo_url} alt="" width="40" height="40" />` : null}
        <h1>${status.title}</h1>
      </div>
      ${status.description ? html`<p class="description">${status.description}</p>` : null}
    </header>
  `);
  // Static for the page's lifetime (from the config): server-rendered above the hydrated root.
  const above = renderToString(html`
    <${AnnouncementList} announcements=${options.status.announcements} />
    <${OngoingMaintenance} maintenance=${extras.maintenance} />
    <${UpcomingMaintenance} maintenance=${extras.maintenance} />
  `);
  // compact rows draw the daily bars' grades and little else: the rest waits for /api/status
  const firstScreen = isCompact(defaultView, status.targets.length);
  return (
    `<!doctype html><html lang="en"><head>${head}</head><body>` +
    (above ? `<div class="page-notices">${above}</div>` : '') +
    `${header}<div id="${pageRootId}">${body}</div>` +
    '<footer><p>Times are UTC. The same data as JSON: <a href="/api/status">/api/status</a>. Powered by upbeat.</p></footer>' +
    `<script type="application/json" id="${statusScriptId}">${embedJson(packSnapshot(status, { firstScreen }))}</script>` +
    `<script type="application/json" id="${extrasScriptId}">${embedJson(live)}</script>` +
    `</body></html>`
  );
}

/**
 * The snapshot with its figures cut to what the page shows (latency to two significant digits,
 * uptime to two decimals, truncated like the page does), so the embedded copy carries no digits nobody sees.
 * The markup and the embedded JSON both come from this copy, so hydration matches exactly.
 */
export function roundForPage(status: StatusResponse): StatusResponse {
  const latency = (ms: number | null) => (ms === null ? null : roundLatency(ms));
  const percent = (value: number | null) => (value === null ? null : Math.floor(value * 100) / 100);
  const series = (buckets: BucketSeries): BucketSeries => ({
    ...buckets,
    latency_ms: buckets.latency_ms.map(latency),
  });
  return {
    ...status,
    announcements: [], // shown outside the hydrated part (see renderIndexHtml)
    targets: status.targets.map((target) => ({
      ...target,
      url: '', // the page never shows a URL (a target's is often long and unique: ~70 B gzip of 10)
      // the page reads the last probe only for its reason (a live update brings the next one), and
      // shows no phases: the rest is digits nobody sees (~100 B gzip of 10 targets)
      last: target.last?.reason
        ? {
            ...target.last,
            url: '',
            latency_ms: roundLatency(target.last.latency_ms),
            dns_ms: null,
            connect_ms: null,
            tls_ms: null,
            first_byte_ms: null,
          }
        : null,
      uptime: {
        '24h': percent(target.uptime['24h']),
        '7d': percent(target.uptime['7d']),
        '30d': percent(target.uptime['30d']),
        '90d': percent(target.uptime['90d']),
      },
      latency: { p50_ms: latency(target.latency.p50_ms), p95_ms: latency(target.latency.p95_ms) },
      certificate_expires_at: null, // not shown on the page
      detail: target.detail,
      hours: series(target.hours),
      days: series(target.days),
    })),
  };
}

/**
 * JSON safe inside a script element: a `<` can never start `</script>` or `<!--`, and JSON.parse
 * reads `\u003c` back as `<`.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The Content-Security-Policy to send with the page: our own scripts, styles and API only, no
 * inline code, nothing from third parties except the configured logo's origin.
 */
export function contentSecurityPolicy(options: { logoUrl?: string | undefined } = {}): string {
  const images = ["'self'", 'data:'];
  const logoOrigin = originOf(options.logoUrl);
  if (logoOrigin) images.push(logoOrigin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${images.join(' ')}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of an absolute http(s) URL; undefined for relative URLs, which 'self' covers. */
function originOf(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

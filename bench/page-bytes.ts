/**
 * What the status page costs: first-load bytes with 10 targets (5 recent incidents, a maintenance
 * window under way, one announcement) and with 100 (in 10 groups, with their DOM element count),
 * `/api/status` bytes with 100, and the main-thread time one live `targets` event takes with 1,000
 * targets on the page, measured in headless Chromium. Run alone with `node --import tsx bench/page-bytes.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { SignalGroup, StatusResponse, TargetStatus } from '../src/status/wire-types.ts';
import type { State } from '../src/signal.ts';
import { describeTargetUpdate } from '../src/status/target-update.ts';
import { buildFixtureStatus, fixtureGroups } from '../src/web/fixture-status.testkit.ts';
import { explainMissingChromium, launchChromium } from '../src/web/headless-chromium.testkit.ts';
import { contentSecurityPolicy, renderIndexHtml, type PageAssets } from '../src/web/render-page.ts';
import { formatPageAtScale, measurePageAtScale, type PageAtScale } from './page-long-tasks.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const publicDir = join(root, 'public');
// enough events for a stable median on a noisy shared machine, few enough to finish in seconds
const updateEvents = 40;

/** Raw and compressed sizes of one body, in bytes. */
export interface ByteSizes {
  raw: number;
  /** gzip at level 9, as build.mjs precompresses the assets. */
  gzip: number;
  /** gzip at level 6, what the server uses for bodies past 1 MiB (level 9 below). */
  gzip6: number;
  brotli: number;
}

/** Everything benchPageBytes measured. */
export interface PageBytesResult {
  firstLoad: { html: ByteSizes; js: ByteSizes; css: ByteSizes; total: ByteSizes };
  /** 100 targets in 10 groups: the page's HTML, HTML + script + stylesheet, and (Chromium) its elements. */
  firstLoad100: { html: ByteSizes; total: ByteSizes; elements: number | null };
  statusJson100: ByteSizes;
  /** Null when Chromium is not installed. */
  update1000: {
    /** Event in to layout done. */
    medianMs: number;
    p95Ms: number;
    /** Event in to DOM patched (JSON.parse and Preact), before style and layout. */
    scriptMedianMs: number;
    events: number;
    /** Navigation start to the page's live feed opening: parse, hydrate, connect. */
    readyMs: number;
  } | null;
  /** 1,000 and 10,000 targets in 10 groups (Chromium); empty without it. */
  atScale: PageAtScale[];
}

/** The first-load page the budget is for: 10 targets, 5 recent incidents, one window, one announcement. */
function firstLoadFixture(assets: PageAssets) {
  const now = Date.UTC(2026, 10, 27, 14, 25);
  const status = buildFixtureStatus({
    targets: 10,
    now,
    announcements: [
      {
        title: 'Card payments delayed',
        text: 'Payments are queued and will go through; nothing is lost.',
        severity: 'outage',
        date: new Date(now - 3_600_000).toISOString(),
        resolved_at: null,
      },
    ],
  });
  const incidents = [1, 3, 5, 7, 9].map((daysAgo, index) => ({
    target: status.targets[index]!.name,
    severity: index % 2 ? ('minor' as const) : ('major' as const),
    start: new Date(now - daysAgo * 86_400_000).toISOString(),
    end: index === 0 ? null : new Date(now - daysAgo * 86_400_000 + 17 * 60_000).toISOString(),
    reason: index % 2 ? ('slow' as const) : ('timeout' as const),
    http_status: -1,
  }));
  const window = {
    title: 'Database upgrade',
    text: 'The API is read-only while the database is upgraded.',
    targets: [status.targets[2]!.name],
    start: new Date(now - 1_800_000).toISOString(),
    end: new Date(now + 1_800_000).toISOString(),
  };
  return { status, extras: { incidents, maintenance: { ongoing: [window], upcoming: [] } }, assets };
}

/** The bytes a first visit downloads, with 10 targets (the budget's page) and with 100; no browser needed. */
export function measureFirstLoads(assets: PageAssets = ensureAssets()) {
  const html = renderIndexHtml(firstLoadFixture(assets));
  const js = readFileSync(join(publicDir, assets.script));
  const css = readFileSync(join(publicDir, assets.style));
  const sizes = { html: measure(html), js: measure(js), css: measure(css) };
  const grouped100 = buildFixtureStatus({ targets: 100, groups: fixtureGroups });
  const html100 = measure(renderIndexHtml({ status: grouped100, assets }));
  return {
    firstLoad: { ...sizes, total: sumSizes(Object.values(sizes)) },
    firstLoad100: { html: html100, total: sumSizes([html100, sizes.js, sizes.css]) },
    grouped100,
  };
}

/** Measures the page and prints a small table; returns the numbers for the caller. */
export async function benchPageBytes(print: (line: string) => void = console.log): Promise<PageBytesResult> {
  const assets = ensureAssets();
  const { firstLoad, grouped100, ...measured } = measureFirstLoads(assets);
  const statusJson100 = measure(JSON.stringify(buildFixtureStatus({ targets: 100 })));
  const firstLoad100 = { ...measured.firstLoad100, elements: null };

  print('page bytes                             raw     gzip  gzip -6   brotli');
  for (const [name, size] of Object.entries(firstLoad))
    print(formatRow(`  first load, 10 targets, 5 incidents, 1 window, 1 notice: ${name}`, size));
  print(formatRow('  first load, 100 targets: html', firstLoad100.html));
  print(formatRow('  first load, 100 targets: total', firstLoad100.total));
  print(formatRow('  /api/status, 100 targets', statusJson100));

  let update1000: PageBytesResult['update1000'] = null;
  const atScale: PageAtScale[] = [];
  const missing = explainMissingChromium();
  if (!missing) {
    const elements = await countElements(grouped100, assets);
    print(`  DOM elements, 100 targets in 10 groups: ${elements}`);
    Object.assign(firstLoad100, { elements });
    update1000 = await measureUpdateCost(assets);
    print(
      `  one target event, 1,000 targets: median ${update1000.medianMs.toFixed(2)} ms, ` +
        `p95 ${update1000.p95Ms.toFixed(2)} ms over ${update1000.events} events, ` +
        `of which script ${update1000.scriptMedianMs.toFixed(2)} ms (median) ` +
        `(page live ${update1000.readyMs.toFixed(0)} ms after navigation start)`,
    );
    for (const count of [1000, 10_000]) {
      atScale.push(await measurePageAtScale(count, assets));
      print(formatPageAtScale(atScale.at(-1)!, firstLoad.js.gzip + firstLoad.css.gzip));
    }
  } else {
    print(`  one target event, 1,000 targets: skipped, ${missing}`);
  }
  return { firstLoad, firstLoad100, statusJson100, update1000, atScale };
}

/** How many elements the page has once loaded and hydrated in Chromium. */
async function countElements(status: StatusResponse, assets: PageAssets): Promise<number> {
  const server = await startFixtureServer(status, assets);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url, { waitUntil: 'load' });
    return await page.evaluate(() => document.getElementsByTagName('*').length);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Builds the page assets unless they are newer than their sources; returns the manifest. */
function ensureAssets(): PageAssets {
  execFileSync(process.execPath, [join(root, 'build.mjs'), '--if-stale', '--web-only'], { stdio: 'ignore' });
  return JSON.parse(readFileSync(join(publicDir, 'assets', 'manifest.json'), 'utf8')) as PageAssets;
}

function measure(body: string | Buffer): ByteSizes {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    gzip6: gzipSync(bytes, { level: 6 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function sumSizes(list: ByteSizes[]): ByteSizes {
  return list.reduce((sum, size) => ({
    raw: sum.raw + size.raw,
    gzip: sum.gzip + size.gzip,
    gzip6: sum.gzip6 + size.gzip6,
    brotli: sum.brotli + size.brotli,
  }));
}

function formatRow(name: string, size: ByteSizes): string {
  const cells = [size.raw, size.gzip, size.gzip6, size.brotli].map((value) => String(value).padStart(8));
  return `${name.padEnd(34)}${cells.join(' ')}`;
}

/**
 * Serves a status page (and its assets) on 127.0.0.1, port 0, with the real CSP header.
 * `/api/status` answers with the same snapshot; `/api/events` stays open and quiet.
 */
export async function startFixtureServer(
  status: StatusResponse,
  assets: PageAssets,
  /** Answers `/api/signals?target=NAME`; 404 without it. */
  signals?: (target: string) => SignalGroup[],
): Promise<{ url: string; close(): Promise<void> }> {
  const page = renderIndexHtml({ status, assets });
  const types: Record<string, string> = { js: 'text/javascript', css: 'text/css', svg: 'image/svg+xml' };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/') {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': contentSecurityPolicy(),
      });
      return response.end(page);
    }
    if (path === '/api/events') {
      // an open stream that stays quiet: the page shows no "reconnecting" notice
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      return response.write(': open\n\n');
    }
    if (path === '/api/signals' && signals) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(signals(url.searchParams.get('target') ?? '')));
    }
    if (path === '/api/status') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify(status));
    }
    const file = join(publicDir, path);
    if (!path.includes('..') && existsSync(file) && !file.endsWith('/')) {
      response.writeHead(200, {
        'content-type': types[path.split('.').pop() ?? ''] ?? 'application/octet-stream',
      });
      return response.end(readFileSync(file));
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A stand-in EventSource installed before the page's script runs, so the benchmark can push
 * `targets` events straight into the page's own handler.
 */
export const fakeEventSourceScript = `
  window.__fakeSources = [];
  window.EventSource = class {
    constructor(url) { this.url = url; this.readyState = 1; this.listeners = {}; window.__fakeSources.push(this); window.__hydratedAt ??= performance.now(); }
    addEventListener(type, listener) { (this.listeners[type] ??= []).push(listener); }
    emit(type, data) { for (const listener of this.listeners[type] ?? []) listener({ data }); }
    close() { this.readyState = 2; }
  };
`;

async function measureUpdateCost(assets: PageAssets): Promise<NonNullable<PageBytesResult['update1000']>> {
  const status = buildFixtureStatus({ targets: 1000 });
  const server = await startFixtureServer(status, assets);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(fakeEventSourceScript);
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(
      () => (window as unknown as { __fakeSources: unknown[] }).__fakeSources.length > 0,
    );
    const updates = Array.from({ length: updateEvents }, (_, index) =>
      flipState(status.targets[(index * 37) % 1000]!),
    );
    const result = await page.evaluate(async (events: string[]) => {
      const scope = window as unknown as {
        __fakeSources: { emit(type: string, data: string): void }[];
        __hydratedAt: number;
      };
      const source = scope.__fakeSources[0]!;
      const rows = document.querySelectorAll('.targets > li');
      const times: number[] = [];
      const scripts: number[] = [];
      let applied = 0;
      for (const [index, data] of events.entries()) {
        const target = (JSON.parse(data) as { targets: { state: string }[] }).targets[0]!;
        const row = rows[(index * 37) % 1000]!;
        const started = performance.now();
        source.emit('targets', data);
        await Promise.resolve(); // Preact renders in the microtask queued by setState
        const rendered = performance.now();
        void document.body.offsetHeight; // and the style and layout work that follows
        times.push(performance.now() - started);
        scripts.push(rendered - started);
        if (row.classList.contains(`state-${target.state}`)) applied += 1;
        await new Promise((resolve) => setTimeout(resolve, 20)); // let the frame settle
      }
      return { times, scripts, applied, hydratedAt: scope.__hydratedAt };
    }, updates);
    if (result.applied !== updateEvents)
      throw new Error(`only ${result.applied} of ${updateEvents} events reached the page`);
    const sorted = [...result.times].sort((a, b) => a - b);
    return {
      medianMs: sorted[Math.floor(sorted.length / 2)]!,
      p95Ms: sorted[Math.ceil(sorted.length * 0.95) - 1]!,
      scriptMedianMs: [...result.scripts].sort((a, b) => a - b)[Math.floor(sorted.length / 2)]!,
      events: updateEvents,
      readyMs: result.hydratedAt,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The live `targets` event the server would send when this target changes state. */
function flipState(target: TargetStatus): string {
  const state: State = target.state === 'down' ? 'up' : 'down';
  const last = target.last && {
    ...target.last,
    state,
    available: state === 'up',
    received: new Date().toISOString(),
  };
  return JSON.stringify({ targets: [describeTargetUpdate({ ...target, state, last })] });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchPageBytes();
}

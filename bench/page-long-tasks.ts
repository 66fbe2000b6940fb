/**
 * The page at 1,000 and 10,000 targets in headless Chromium: its first-load bytes, and the longest
 * main-thread task while it loads, hydrates and takes its whole snapshot, and while a reader types
 * into the filter. The aim: no task over 200 ms.
 */
import { gzipSync } from 'node:zlib';
import { buildFixtureStatus, fixtureGroups } from '../src/web/fixture-status.testkit.ts';
import { launchChromium } from '../src/web/headless-chromium.testkit.ts';
import { renderIndexHtml, type PageAssets } from '../src/web/render-page.ts';
import { startFixtureServer } from './page-bytes.ts';

/** What one page size cost. */
export interface PageAtScale {
  targets: number;
  /** The HTML alone, raw and gzip (level 9). */
  htmlBytes: number;
  htmlGzip: number;
  /** Longest task from navigation until the page settled, and their count over 50 ms. */
  loadLongestMs: number;
  loadLongTasks: number;
  /** Longest task while typing a filter that matches a tenth of the targets, then clearing it. */
  filterLongestMs: number;
  /** Elements on the page once settled. */
  elements: number;
}

// collects every task over 50 ms (the browser's own long-task threshold) from the very start
const observeLongTasks = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;
// long enough for the stream to open and the whole snapshot (if any) to arrive and render
const settleMs = 3000;

/** Loads the page with `count` targets in ten groups and reads its long tasks. */
export async function measurePageAtScale(count: number, assets: PageAssets): Promise<PageAtScale> {
  const status = buildFixtureStatus({ targets: count, groups: fixtureGroups });
  const html = renderIndexHtml({ status, assets });
  const server = await startFixtureServer(status, assets);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(observeLongTasks);
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    const readTasks = () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const load = await readTasks();
    const loadLongest = Math.max(0, ...load);
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    const filter = page.getByRole('searchbox', { name: 'Filter' });
    await filter.pressSequentially('Mail', { delay: 50 }); // a tenth of the fixture's names
    await page.waitForTimeout(500);
    await filter.fill('');
    await page.waitForTimeout(500);
    const filtering = await readTasks();
    return {
      targets: count,
      htmlBytes: Buffer.byteLength(html),
      htmlGzip: gzipSync(html, { level: 9 }).length,
      loadLongestMs: loadLongest,
      loadLongTasks: load.length,
      filterLongestMs: Math.max(0, ...filtering),
      elements,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** One line for the bench's report. */
export function formatPageAtScale(result: PageAtScale, firstLoadAssetsGzip: number): string {
  const kilobytes = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  return (
    `  ${result.targets.toLocaleString('en')} targets: HTML ${kilobytes(result.htmlBytes)}, first load ` +
    `${kilobytes(result.htmlGzip + firstLoadAssetsGzip)} gzip, ${result.elements} elements; longest task ` +
    `loading ${result.loadLongestMs.toFixed(0)} ms (${result.loadLongTasks} over 50 ms), ` +
    `filtering ${result.filterLongestMs.toFixed(0)} ms`
  );
}

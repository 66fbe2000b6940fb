/**
 * The whole product in a real browser: build, start `dist/upbeat.mjs` against local HTTP targets,
 * load the page in headless Chromium, turn a target down and watch the open page follow.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { auditAccessibility } from '../src/web/axe-audit.testkit.ts';
import { explainMissingChromium, launchChromium } from '../src/web/headless-chromium.testkit.ts';
import { repositoryRoot, spawnUpbeat, startTarget } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';
import type { StatusResponse } from '../src/status/wire-types.ts';

const artifacts = join(repositoryRoot, 'test', 'artifacts');
// generous: a cold build, a process start and a few 1 s probe rounds on a busy shared machine
const testTimeoutMs = 90_000;
const waitMs = 20_000;

const missing = explainMissingChromium();
// what Chromium logs for a fetch answered 503
const refusedFetchLog =
  'Failed to load resource: the server responded with a status of 503 (Service Unavailable)';

test(
  'the status page shows live targets and follows an outage without a reload',
  { skip: missing ?? false, timeout: testTimeoutMs },
  async (t) => {
    execFileSync(process.execPath, [join(repositoryRoot, 'build.mjs'), '--if-stale'], { stdio: 'inherit' });

    // Loading playwright blocks this process for a moment, and the targets live in this process:
    // launch first, so no probe ever waits on it.
    const browser = await launchChromium();
    t.after(() => browser.close());
    const dir = mkdtempSync(join(tmpdir(), 'upbeat-e2e-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const targets = {
      Website: await startTarget(),
      API: await startTarget(),
      'Docs <beta>': await startTarget(),
    };
    t.after(() => Promise.all(Object.values(targets).map((target) => target.close())));

    const config = join(dir, 'upbeat.yaml');
    writeFileSync(
      config,
      [
        'title: E2E status',
        'targets:',
        ...Object.entries(targets).flatMap(([name, { url }]) => [
          `  - name: ${JSON.stringify(name)}`,
          `    url: ${url}`,
          '    interval: 1s',
          // the longest a 1 s interval allows: on a busy 2-core machine a loopback probe has
          // taken over the default 500 ms, and one timeout here breaks "100% up"
          '    timeout: 950ms',
          '    method: GET',
          '    failuresBeforeDown: 1',
        ]),
      ].join('\n'),
    );
    const upbeat = await spawnUpbeat({ env: { UPBEAT_DATA_DIR: join(dir, 'data'), UPBEAT_CONFIG: config } });
    t.after(() => upbeat.stop());

    // axe goes in as an inline script, which the page's CSP would refuse
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console: ${message.text()}`);
    });

    // wait until every target has been probed, so the first paint already holds states
    await waitFor(
      async () => {
        const status = (await (await fetch(`${upbeat.url}/api/status`)).json()) as StatusResponse;
        return status.targets.every((target) => target.state === 'up');
      },
      'every target probed and up',
      { timeoutMs: waitMs, everyMs: 100 },
    );

    const response = await page.goto(upbeat.url);
    assert.ok(response?.ok(), `GET / answered ${response?.status()}`);
    assert.match((await response!.headerValue('content-security-policy')) ?? '', /script-src 'self'/);
    assert.equal(await page.locator('h1').textContent(), 'E2E status');
    assert.deepEqual(await page.locator('.targets h3').allTextContents(), Object.keys(targets));
    assert.deepEqual(await page.locator('.targets .state').allTextContents(), [
      '✓ Operational',
      '✓ Operational',
      '✓ Operational',
    ]);
    assert.equal(await page.locator('.overall h2').textContent(), 'All systems operational');
    // one focus stop per strip; the arrow keys reach every bar, and the one popover shows it
    const hours = page.locator('.targets > li').first().locator('.bars-24');
    await hours.focus();
    const currentHour = /^\d+ \w{3} \d\d:00 UTC, 1 h: 100% up, \d+ probes?, p95 \d/;
    assert.match((await hours.getAttribute('aria-valuetext')) ?? '', currentHour);
    assert.match((await page.locator('#bar-details').textContent()) ?? '', currentHour);
    await page.keyboard.press('Home');
    assert.equal(await hours.getAttribute('aria-valuenow'), '1');
    assert.match((await hours.getAttribute('aria-valuetext')) ?? '', /UTC, 1 h: no data$/);
    await page.keyboard.press('ArrowRight');
    assert.equal(await hours.getAttribute('aria-valuenow'), '2');
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('#bar-details').isHidden());
    assert.deepEqual(
      await auditAccessibility(page),
      [],
      'axe finds nothing, light and dark, 360 and 1280 px',
    );
    await page.setViewportSize({ width: 1280, height: 1000 });

    // the page was loaded once; from here on only live events may change it
    targets.API.status.code = 503;
    const apiRow = page.locator('.targets > li', { has: page.locator('h3', { hasText: /^API$/ }) });
    await apiRow.locator('.state', { hasText: 'Down' }).waitFor({ timeout: waitMs });
    assert.equal(await apiRow.locator('.state').textContent(), '✕ Down · HTTP 503');
    assert.equal(await page.locator('.overall h2').textContent(), 'Partial outage');

    await apiRow.locator('summary').click();
    const probes = apiRow.locator('.bars-60'); // its value starts at the newest probe
    await probes.waitFor({ timeout: waitMs });
    assert.match((await probes.getAttribute('aria-valuetext')) ?? '', /UTC: down, HTTP 503, \d+ ms$/);

    // the outage is an ongoing incident on the open page, and its end arrives live too
    const incident = page.locator('.incidents li', { has: page.locator('strong', { hasText: /^API$/ }) });
    await incident.locator('.duration', { hasText: 'ongoing' }).waitFor({ timeout: waitMs });
    assert.equal(await incident.locator('.reason').textContent(), 'HTTP 503');
    targets.API.status.code = 200;
    await apiRow.locator('.state', { hasText: 'Operational' }).waitFor({ timeout: waitMs });
    await incident.locator('.duration', { hasText: /^\d+ min$/ }).waitFor({ timeout: waitMs });
    const { incidents } = (await (await fetch(`${upbeat.url}/api/incidents`)).json()) as {
      incidents: { target: string; start: string; end: string; duration_ms: number; severity: string }[];
    };
    assert.deepEqual(
      incidents.map(({ target, severity }) => [target, severity]),
      [['API', 'major']],
      'one closed incident',
    );
    const [closed] = incidents;
    assert.equal(closed!.duration_ms, Date.parse(closed!.end) - Date.parse(closed!.start));
    assert.ok(closed!.duration_ms > 0 && closed!.duration_ms < 60_000, `duration ${closed!.duration_ms} ms`);

    const feed = parseFeed(await (await fetch(`${upbeat.url}/feed.atom`)).text()).toJSON();
    assert.deepEqual(
      feed.items.map((item) => item.title?.replace(/\d+ min$/, 'N min')),
      ['Resolved: API was down for N min'],
      'the incident is in the feed, resolved',
    );

    // the hourly bar the outage touched lists it, read out and in the popover (it may have begun
    // in the hour before, which then carries its day)
    const apiHours = apiRow.locator('.bars-24');
    const touchedHour = /; Incident: (\d+ \w{3} )?\d\d:\d\d\u2013\d\d:\d\d, 1 min, HTTP 503$/;
    await apiHours.focus();
    if (!touchedHour.test((await apiHours.getAttribute('aria-valuetext')) ?? ''))
      await page.keyboard.press('ArrowLeft');
    assert.match((await apiHours.getAttribute('aria-valuetext')) ?? '', touchedHour);
    assert.match((await page.locator('#bar-details').textContent()) ?? '', touchedHour);

    // a daily bar older than the page's 14 days of incidents fetches the target's once, however
    // many bars the reader moves through; a failed fetch reads as words
    const incidentRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/incidents')) incidentRequests.push(request.url());
    });
    await page.route('**/api/incidents?*target=Website*', (route) => route.fulfill({ status: 503 }));
    const apiDays = apiRow.locator('.bars-90');
    await apiDays.focus();
    await page.keyboard.press('Home');
    for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowRight');
    await waitFor(
      async () => !/loading/.test((await apiDays.getAttribute('aria-valuetext')) ?? 'loading'),
      "the older bars' incidents loaded",
      { timeoutMs: waitMs, everyMs: 50 },
    );
    assert.match((await apiDays.getAttribute('aria-valuetext')) ?? '', /^\d+ \w{3}: no data$/);
    assert.deepEqual(
      incidentRequests.map((url) => new URL(url).searchParams.get('target')),
      ['API'],
      'one request for six older bars',
    );
    const websiteDays = page.locator('.targets > li').first().locator('.bars-90');
    await websiteDays.focus();
    await page.keyboard.press('Home');
    await waitFor(
      async () =>
        /; incidents could not be loaded$/.test((await websiteDays.getAttribute('aria-valuetext')) ?? ''),
      'a failed fetch in words',
      { timeoutMs: waitMs, everyMs: 50 },
    );
    await page.keyboard.press('Escape');
    // the browser logs the refused fetch itself, once: expected here, not a problem
    const refused = problems.indexOf(`console: ${refusedFetchLog}`);
    assert.ok(refused >= 0, 'the refused fetch was made');
    problems.splice(refused, 1);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'e2e-browser.png'), fullPage: true });
    assert.deepEqual(problems, []);
  },
);

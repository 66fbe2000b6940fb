/**
 * The page with 100 grouped targets in headless Chromium: how many elements it costs, that the
 * filter lives in the URL, that axe finds nothing in either layout, and screenshots of both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer } from '../bench/page-bytes.ts';
import { auditAccessibility } from '../src/web/axe-audit.testkit.ts';
import { buildFixtureStatus, fixtureGroups } from '../src/web/fixture-status.testkit.ts';
import { explainMissingChromium, launchChromium } from '../src/web/headless-chromium.testkit.ts';
import type { PageAssets } from '../src/web/render-page.ts';
import { repositoryRoot } from './upbeat-process.ts';

const artifacts = join(repositoryRoot, 'test', 'artifacts');
// the budget for 100 targets with 90 days of history
const maxElements = 2000;

test(
  'the page at 100 grouped targets: small DOM, filter in the URL, accessible in both layouts',
  { skip: explainMissingChromium() ?? false, timeout: 120_000 },
  async (t) => {
    execFileSync(process.execPath, [join(repositoryRoot, 'build.mjs'), '--if-stale', '--web-only']);
    const assets = JSON.parse(
      readFileSync(join(repositoryRoot, 'public', 'assets', 'manifest.json'), 'utf8'),
    ) as PageAssets;
    const server = await startFixtureServer(
      buildFixtureStatus({ targets: 100, groups: fixtureGroups }),
      assets,
    );
    t.after(() => server.close());
    const browser = await launchChromium();
    t.after(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    mkdirSync(artifacts, { recursive: true });

    await page.goto(server.url);
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    assert.ok(elements <= maxElements, `${elements} elements`);
    // open: Public (a down and a degraded target) and Ops (one not probed yet); the rest are all up
    assert.deepEqual(await page.locator('.group > details[open] .group-name').allTextContents(), [
      'Public',
      'Ops',
    ]);
    assert.deepEqual(await auditAccessibility(page), [], 'compact rows');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(artifacts, 'page-100-compact.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: join(artifacts, 'page-100-compact-360.png') });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Compact rows' }).click();
    assert.equal(await page.locator('.target.compact').count(), 0);
    assert.deepEqual(await auditAccessibility(page), [], 'cards');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(artifacts, 'page-100-cards.png'), fullPage: true });

    await page.getByRole('checkbox', { name: 'Only not up' }).check();
    await page.getByRole('searchbox', { name: 'Filter' }).fill('search');
    assert.equal(await page.evaluate(() => location.search), '?q=search&problems=1&layout=cards');
    await page.reload();
    assert.deepEqual(await page.locator('.target h3').allTextContents(), ['Search'], 'a link keeps the view');
    assert.equal(await page.getByRole('searchbox', { name: 'Filter' }).inputValue(), 'search');
    assert.deepEqual(problems, []);
  },
);

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Overall, StatusResponse } from '../status/wire-types.ts';
import { buildFixtureStatus, buildFixtureTarget } from './fixture-status.testkit.ts';
import { unpackSnapshot } from './page-snapshot.ts';
import { contentSecurityPolicy, renderIndexHtml, roundForPage } from './render-page.ts';

const assets = { script: '/assets/app-ABC123.js', style: '/assets/app-DEF456.css' };
const hostile = '<img src=x onerror=alert(1)>';
const breakout = 'x</script><script>alert(1)</script>';

function render(status: StatusResponse): string {
  return renderIndexHtml({ status, assets });
}

/** The strip with this layout class: its slider's value text and its paths as `grade d`. */
function readStrip(html: string, layout: string): { valueText: string; viewBox: string; paths: string[] } {
  const strip = html.split(`class="bars ${layout}"`)[1]!.split('</div>')[0]!;
  return {
    valueText: /aria-valuetext="([^"]*)"/.exec(strip)![1]!,
    viewBox: /viewBox="([^"]*)"/.exec(strip)![1]!,
    paths: [...strip.matchAll(/<path class="(g\w)" d="([^"]*)"><\/path>/g)].map((m) => `${m[1]} ${m[2]}`),
  };
}

describe('renderIndexHtml', () => {
  test('escapes target names, title and description', () => {
    const html = render(
      buildFixtureStatus({ targets: 3, names: [hostile], title: '<b>T</b>', description: '"quoted" & <i>' }),
    );
    assert.ok(!html.includes('<img src=x'), 'raw markup from a name reached the page');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)>'), 'escaped name missing from the markup');
    assert.ok(html.includes('<title>&lt;b>T&lt;/b></title>'));
    assert.ok(html.includes('<h1>&lt;b>T&lt;/b></h1>'));
    assert.ok(html.includes('&quot;quoted&quot; &amp; &lt;i>'));
  });

  test('announcements and maintenance are rendered above the hydrated root, and not embedded', () => {
    const announcement = {
      title: 'Notice',
      text: null,
      severity: 'info',
      date: '2026-11-27T10:00:00.000Z',
      resolved_at: null,
    } as const;
    const window = { title: 'Upgrade', start: '2026-11-27T14:00:00.000Z', end: '2026-11-27T15:00:00.000Z' };
    const html = renderIndexHtml({
      status: buildFixtureStatus({ targets: 1, announcements: [announcement] }),
      extras: { incidents: [], maintenance: { ongoing: [window], upcoming: [] } },
      assets,
    });
    assert.match(
      html,
      /<body><div class="page-notices"><section class="announcements".*Maintenance in progress.*<\/div><header class="top">.*<\/header><div id="app">/,
    );
    const status = html.split('id="upbeat-status">')[1]!.split('</script>')[0]!;
    assert.deepEqual(JSON.parse(status).announcements, []);
  });

  test('header and footer come from the config and sit outside the hydrated root: one h1, three landmarks', () => {
    const html = renderIndexHtml({ status: buildFixtureStatus({ targets: 2 }), assets });
    const root = html.split('<div id="app">')[1]!.split('<script type="application/json"')[0]!;
    assert.match(html, /<\/header><div id="app"><main>/);
    assert.match(root, /<\/main><\/div><footer><p>Times are UTC/);
    assert.equal(html.match(/<h1>/g)!.length, 1);
    assert.ok(!root.includes('<h1>'), 'the title is not in the hydrated part');
  });

  test('an announcement with <script> in its title and text shows it as text', () => {
    const announcement = {
      title: breakout,
      text: hostile,
      severity: 'info',
      date: '2026-11-27T10:00:00.000Z',
      resolved_at: null,
    } as const;
    const html = render(buildFixtureStatus({ targets: 1, announcements: [announcement] }));
    assert.ok(!html.includes('<script>alert(1)'), 'a script from an announcement reached the page');
    assert.ok(!html.includes('<img src=x'));
    assert.match(html, /<h2>x&lt;\/script>&lt;script>alert\(1\)&lt;\/script><\/h2>/);
  });

  test('the embedded JSON cannot end its script element, and reads back as the snapshot', () => {
    const status = buildFixtureStatus({ targets: 2, names: [breakout], title: '<!-- x' });
    const html = render(status);
    const opening = '<script type="application/json" id="upbeat-status">';
    const body = html.slice(html.indexOf(opening) + opening.length);
    const json = body.slice(0, body.indexOf('</script>'));
    assert.ok(!json.includes('<'), 'a "<" inside the JSON could close the script element');
    assert.deepEqual(unpackSnapshot(JSON.parse(json)), roundForPage(status));
    assert.equal(html.match(/<script/g)!.length, 3, 'only the module script and the two JSON blocks');
  });

  test('the extras block cannot end its script element either, and the incidents are on the page', () => {
    const incident = {
      target: breakout,
      severity: 'major',
      start: '2026-11-27T11:00:00.000Z',
      end: null,
      reason: 'timeout',
      http_status: -1,
    } as const;
    const html = renderIndexHtml({
      status: buildFixtureStatus({ targets: 1 }),
      extras: { incidents: [incident], maintenance: { ongoing: [], upcoming: [] } },
      assets,
    });
    const opening = '<script type="application/json" id="upbeat-extras">';
    const body = html.slice(html.indexOf(opening) + opening.length);
    const json = body.slice(0, body.indexOf('</script>'));
    assert.ok(!json.includes('<'));
    assert.deepEqual(JSON.parse(json), { incidents: [incident] }, 'only what changes live is embedded');
    assert.match(
      html,
      /<h2 id="incidents">Recent incidents<\/h2>.*x&lt;\/script>&lt;script>alert\(1\)&lt;\/script>.*ongoing/,
    );
  });

  const banners: [Overall, string][] = [
    ['operational', 'All systems operational'],
    ['degraded', 'Degraded performance'],
    ['partial_outage', 'Partial outage'],
    ['major_outage', 'Major outage'],
    ['unknown', 'Status unknown'],
  ];
  for (const [overall, text] of banners) {
    test(`banner for ${overall} says "${text}"`, () => {
      const html = render({ ...buildFixtureStatus({ targets: 1 }), overall });
      assert.match(
        html,
        new RegExp(`<section class="overall overall-${overall}" aria-live="polite">.*?<h2>${text}</h2>`),
      );
    });
  }

  test('every target shows its state in words, not colour alone', () => {
    const html = render(buildFixtureStatus({ targets: 5 }));
    for (const words of ['Operational', 'Degraded', 'Down', 'No data yet']) {
      assert.match(
        html,
        new RegExp(`<p class="state"><span class="icon" aria-hidden="true">.</span> ${words}`),
      );
    }
    assert.ok(html.includes(' · HTTP 503'), 'the down target says why');
  });

  test('each strip is one focus stop whose value text is the newest bar, hours with their p95', () => {
    const strip = readStrip(render(buildFixtureStatus({ targets: 1 })), 'bars-24');
    assert.equal(strip.viewBox, '0 0 24 1');
    assert.match(strip.valueText, /^27 Nov 14:00 UTC, 1 h: [\d.]+% up, 25 probes, p95 \d+ ms$/);
  });

  test('the daily strip has 90 slots and reads its newest day with the mean latency', () => {
    const strip = readStrip(render(buildFixtureStatus({ targets: 1 })), 'bars-90');
    assert.equal(strip.viewBox, '0 0 90 1');
    assert.match(strip.valueText, /^27 Nov: [\d.]+% up, 605 probes, mean \d+ ms$/);
  });

  test('buckets without checks look different from buckets that were down', () => {
    const now = Date.UTC(2026, 10, 27, 14, 25);
    const target = buildFixtureTarget({ name: 'Down', state: 'down', now });
    target.hours.checks.fill(60);
    target.hours.up.fill(60);
    target.hours.checks[3] = 0;
    target.hours.up[3] = 0;
    target.hours.up[4] = 0; // every probe of that hour failed
    const strip = readStrip(render({ ...buildFixtureStatus({ targets: 0 }), targets: [target] }), 'bars-24');
    assert.deepEqual(strip.paths, ['gn M3 .75h1', 'g0 M0 .5h3m1 0h20', 'g4 M4 .5h1']);
  });

  test('100 targets: no element per bar, so the markup stays small', () => {
    const html = render(buildFixtureStatus({ targets: 100 }));
    const elements = html.match(/<[a-z]/g)!.length;
    assert.ok(elements < 4000, `${elements} elements`); // 14,442 when each bar was an element
  });

  test('links the hashed assets and the favicon; no inline style or script', () => {
    const html = render(buildFixtureStatus({ targets: 2 }));
    assert.ok(html.includes('<link rel="stylesheet" href="/assets/app-DEF456.css"/>'));
    assert.ok(html.includes('<script type="module" src="/assets/app-ABC123.js"></script>'));
    assert.ok(html.includes('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>'));
    assert.ok(!/\sstyle=/.test(html), 'CSP blocks inline style attributes');
    assert.ok(!/\son[a-z]+=/.test(html), 'no inline event handlers');
  });

  test('without JavaScript the uptime switch still has every window to show', () => {
    const html = render(buildFixtureStatus({ targets: 1 }));
    for (const window of ['24h', '7d', '30d', '90d']) {
      assert.ok(html.includes(`id="range-${window}"`));
      assert.match(html, new RegExp(`<span class="u u-${window}">[\\d.]+% uptime`));
    }
  });

  test('the logo is shown when configured', () => {
    const html = render(buildFixtureStatus({ targets: 1, logoUrl: 'https://cdn.example.com/logo.png' }));
    assert.ok(html.includes('<img src="https://cdn.example.com/logo.png" alt width="40" height="40"/>'));
  });
});

describe('contentSecurityPolicy', () => {
  test('is strict: nothing inline, nothing from elsewhere', () => {
    const csp = contentSecurityPolicy();
    assert.ok(!csp.includes('unsafe-inline'));
    assert.ok(!csp.includes('unsafe-eval'));
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      assert.ok(csp.split('; ').includes(directive), `missing ${directive}`);
    }
  });

  const logos: [string | undefined, string][] = [
    [undefined, "img-src 'self' data:"],
    ['/logo.svg', "img-src 'self' data:"],
    ['https://cdn.example.com/brand/logo.png?v=2', "img-src 'self' data: https://cdn.example.com"],
    ['http://10.0.0.5:8080/logo.png', "img-src 'self' data: http://10.0.0.5:8080"],
    ['javascript:alert(1)', "img-src 'self' data:"],
  ];
  for (const [logoUrl, want] of logos) {
    test(`a logo at ${logoUrl ?? '(none)'} allows ${want}`, () => {
      assert.ok(contentSecurityPolicy({ logoUrl }).split('; ').includes(want));
    });
  }
});

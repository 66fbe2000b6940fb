import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { html } from 'htm/preact';
import type { PageMaintenance } from '../status/page-extras.ts';
import { formatPeriod, OngoingMaintenance, UpcomingMaintenance } from './maintenance-notice.ts';

const upgrade: PageMaintenance = {
  title: 'DB <upgrade>',
  text: 'Read-only <b>meanwhile</b>',
  targets: ['API'],
  start: '2026-12-01T02:00:00.000Z',
  end: '2026-12-01T04:00:00.000Z',
};
const weekly: PageMaintenance = {
  title: 'Weekly',
  start: '2026-12-06T23:00:00.000Z',
  end: '2026-12-07T01:00:00.000Z',
};

test('a period reads as its day and hours in UTC, with both days when it crosses midnight', () => {
  assert.equal(formatPeriod(upgrade), '1 Dec 02:00 - 04:00 UTC');
  assert.equal(formatPeriod(weekly), '6 Dec 23:00 - 7 Dec 01:00 UTC');
});

test('ongoing maintenance is a prominent section; planned ones are listed; text stays text', () => {
  const maintenance = { ongoing: [upgrade], upcoming: [weekly] };
  const now = renderToString(html`<${OngoingMaintenance} maintenance=${maintenance} />`);
  assert.match(
    now,
    /^<section class="maintenance ongoing".*<h2 id="maintenance-now">Maintenance in progress<\/h2>/,
  );
  assert.match(now, /<h3>DB &lt;upgrade><\/h3>.*Affects API.*Read-only &lt;b>meanwhile&lt;\/b>/);
  const next = renderToString(html`<${UpcomingMaintenance} maintenance=${maintenance} />`);
  assert.match(next, /Planned maintenance.*<h3>Weekly<\/h3>.*Affects all services/);
  const none = { ongoing: [], upcoming: [] };
  assert.equal(renderToString(html`<${OngoingMaintenance} maintenance=${none} />`), '');
  assert.equal(renderToString(html`<${UpcomingMaintenance} maintenance=${none} />`), '');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { html } from 'htm/preact';
import type { Announcement } from '../announcements/announcement.ts';
import { AnnouncementList } from './announcement-list.ts';

const standing: Announcement = {
  title: '<script>alert(1)</script> Payments delayed',
  text: 'Card payments <b>queue</b>; nothing is lost.',
  severity: 'outage',
  date: '2026-11-27T10:00:00.000Z',
  resolved_at: null,
};
const resolved: Announcement = {
  title: 'Mail slow',
  text: null,
  severity: 'warning',
  date: '2026-11-20T08:00:00.000Z',
  resolved_at: '2026-11-20T09:30:00.000Z',
};

test('announcements: standing ones open, resolved ones collapsed, config text never markup', () => {
  const markup = renderToString(html`<${AnnouncementList} announcements=${[standing, resolved]} />`);
  assert.ok(!markup.includes('<script>'), 'a <script> from a title reached the markup');
  assert.ok(!markup.includes('<b>'));
  assert.match(
    markup,
    /<article class="announcement outage"><h2>&lt;script>alert\(1\)&lt;\/script> Payments delayed<\/h2><time datetime="2026-11-27T10:00:00.000Z">27 Nov 10:00 UTC<\/time> <p>Card payments &lt;b>queue&lt;\/b>; nothing is lost.<\/p><\/article>/,
  );
  assert.match(
    markup,
    /<details class="announcement warning resolved"><summary>Resolved: Mail slow<\/summary>.* resolved 20 Nov 09:30 UTC<\/time><\/details>/,
  );
  assert.equal(renderToString(html`<${AnnouncementList} announcements=${[]} />`), '');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import type { RecentIncident } from '../status/recent-incident.ts';
import { renderAtomFeed, type FeedInput } from './render-feed.ts';

const closed: RecentIncident = {
  target: 'API',
  severity: 'major',
  start: '2026-11-27T11:00:00.000Z',
  end: '2026-11-27T11:15:00.000Z',
  reason: 'status',
  http_status: 503,
};
const input: FeedInput = {
  title: 'Acme status',
  pageUrl: 'https://status.acme.example/',
  region: 'eu',
  incidents: [
    {
      ...closed,
      target: 'Web',
      severity: 'minor',
      start: '2026-11-27T12:00:00.000Z',
      end: null,
      reason: 'slow',
    },
    closed,
  ],
  maintenance: [
    {
      title: 'DB upgrade',
      targets: ['API'],
      start: Date.parse('2026-12-01T02:00:00Z'),
      end: Date.parse('2026-12-01T04:00:00Z'),
    },
  ],
  announcements: [
    {
      title: 'Payments delayed',
      text: 'Queued.',
      severity: 'outage',
      date: '2026-11-27T09:00:00.000Z',
      resolved_at: '2026-11-27T10:00:00.000Z',
    },
  ],
};

/** Well-formed XML (strictly), then read by a real feed parser. */
function parse(xml: string) {
  assert.equal(XMLValidator.validate(xml), true, 'not well-formed XML');
  return parseFeed(xml).toJSON();
}

test('the feed is Atom 1.0 with every kind of entry, newest update first, linking to the page', () => {
  const feed = parse(renderAtomFeed(input));
  assert.equal(feed.meta.type, 'atom');
  assert.equal(feed.title, 'Acme status');
  assert.equal(feed.url, 'https://status.acme.example/');
  assert.equal(feed.self, 'https://status.acme.example/feed.atom');
  assert.equal(feed.updated, '2026-11-27T12:00:00.000Z');
  assert.deepEqual(
    feed.items.map((item) => [item.title, item.updated, item.url]),
    [
      ['Web is degraded', '2026-11-27T12:00:00.000Z', 'https://status.acme.example/'],
      ['Resolved: API was down for 15 min', '2026-11-27T11:15:00.000Z', 'https://status.acme.example/'],
      ['Resolved: Payments delayed', '2026-11-27T10:00:00.000Z', 'https://status.acme.example/'],
      ['Maintenance: DB upgrade', '2026-11-24T02:00:00.000Z', 'https://status.acme.example/'],
    ],
  );
  assert.equal(feed.items[1]!.description, 'Started 27 Nov 11:00 UTC: HTTP 503. Resolved 27 Nov 11:15 UTC.');
  assert.equal(feed.items[3]!.description, '1 Dec 02:00 UTC to 1 Dec 04:00 UTC. Affects API.');
});

test('entry ids are stable: an incident keeps its id from opened to resolved, and across renders', () => {
  const open = parse(renderAtomFeed({ ...input, incidents: [{ ...closed, end: null }] })).items[0]!;
  const resolved = parse(renderAtomFeed({ ...input, incidents: [closed] })).items.find((item) =>
    item.title?.startsWith('Resolved: API'),
  )!;
  assert.equal(open.id, resolved.id);
  assert.match(open.id!, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(renderAtomFeed(input), renderAtomFeed(input));
  const otherRegion = parse(renderAtomFeed({ ...input, region: 'us', incidents: [closed] }));
  assert.notEqual(otherRegion.items.find((item) => item.title?.startsWith('Resolved: API'))!.id, resolved.id);
});

const hostileNames = [
  '</title></entry><entry><title>injected',
  '<script>alert(1)</script>',
  'a & b "quoted" \'single\'',
  ']]><!-- -->',
  'bell \u0007 nul \u0000 escape \u001b',
  'lone \uD800 surrogate',
  'emoji 🚀 Zürich',
];
for (const name of hostileNames) {
  test(`the feed stays well-formed with a target named ${JSON.stringify(name)}`, () => {
    const feed = parse(
      renderAtomFeed({ ...input, title: name, incidents: [{ ...closed, target: name }], announcements: [] }),
    );
    assert.equal(feed.items.length, 2, 'no entry injected');
    const expected = name.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|\p{Cs}/gu, '\uFFFD');
    assert.equal(feed.items[0]!.title, `Resolved: ${expected} was down for 15 min`);
  });
}

test('without a page URL the feed has no links, and an empty feed is still valid', () => {
  const { pageUrl: _pageUrl, ...noPage } = input;
  const feed = parse(renderAtomFeed({ ...noPage, incidents: [], maintenance: [], announcements: [] }));
  assert.equal(feed.url, null);
  assert.deepEqual(feed.items, []);
  assert.equal(feed.updated, '1970-01-01T00:00:00.000Z');
});

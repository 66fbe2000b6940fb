import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildSignal } from '../signal-fixture.testkit.ts';
import type { SignalGroup } from '../status/wire-types.ts';
import { openHistoryApp } from './history-app.testkit.ts';
import { defaultPageRows, parseSignalRange } from './signal-range.ts';

const minute = 60_000;
const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 5 * 3_600_000;
// Three targets probed in the same millisecond each minute (ties), for 100 minutes.
const names = ['a', 'b', 'c'];
const signals = Array.from({ length: 100 }, (_, i) =>
  names.map((target) => buildSignal({ target, received: start + i * minute, latencyMs: i })),
).flat();

describe('GET /api/signals over a range', () => {
  let opened: Awaited<ReturnType<typeof openHistoryApp>>;
  before(async () => (opened = await openHistoryApp({ targets: names, signals })));
  after(() => opened.close());

  /** Follows Link headers from `path`; every page's records, in order, and the page sizes. */
  async function walk(path: string) {
    const received: string[] = [];
    const sizes: number[] = [];
    for (let next: string | undefined = path; next;) {
      const response = await opened.app.request(next);
      assert.equal(response.status, 200, next);
      const groups = (await response.json()) as SignalGroup[];
      const records = groups.flatMap((group) =>
        group.records.map((record) => `${record.received} ${record.target}`),
      );
      sizes.push(records.length);
      received.push(...records.sort());
      next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1];
    }
    return { received, sizes };
  }

  test('a walk by cursor returns every signal of the range once, in pages of `limit`', async () => {
    const from = new Date(start + 10 * minute).toISOString();
    const to = start + 20 * minute; // epoch ms works as well
    // 7 rows a page cuts through the three rows of a minute: the cursor must resume mid-minute.
    const { received, sizes } = await walk(`/api/signals?from=${from}&to=${to}&limit=7`);
    const expected = signals
      .filter((s) => s.received >= start + 10 * minute && s.received < to)
      .map((s) => `${new Date(s.received).toISOString()} ${s.target}`)
      .sort();
    assert.deepEqual(received, expected);
    assert.deepEqual(sizes, [7, 7, 7, 7, 2]);
  });

  test('a target and a page size of one still walk every row', async () => {
    const { received } = await walk(`/api/signals?from=${start}&to=${start + 5 * minute}&target=b&limit=1`);
    assert.equal(received.length, 5);
    assert.ok(received.every((line) => line.endsWith(' b')));
  });

  test('the last page has no Link; CSV by format or Accept, one line per signal, oldest first', async () => {
    const path = `/api/signals?from=${start}&to=${start + 2 * minute}`;
    const json = await opened.app.request(path);
    assert.equal(json.headers.get('link'), null);
    for (const [url, init] of [
      [`${path}&format=csv`, {}],
      [path, { headers: { Accept: 'text/csv' } }],
    ] as const) {
      const response = await opened.app.request(url, init);
      assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(response.headers.get('vary'), 'Accept, Accept-Encoding');
      const lines = (await response.text()).trimEnd().split('\r\n');
      assert.equal(lines[0]!.split(',')[3], 'received');
      assert.deepEqual(
        lines.slice(1).map((line) => line.split(',')[4]),
        ['a', 'b', 'c', 'a', 'b', 'c'],
      );
    }
  });

  test('without from, to or cursor the tutorial shape is unchanged: newest per target, no Link', async () => {
    const response = await opened.app.request('/api/signals?limit=2');
    assert.equal(response.headers.get('link'), null);
    const groups = (await response.json()) as SignalGroup[];
    assert.deepEqual(
      groups.map((group) => [group.target, group.records.length]),
      [
        ['a', 2],
        ['b', 2],
        ['c', 2],
      ],
    );
    const csv = await opened.app.request('/api/signals?limit=1&format=csv');
    assert.equal((await csv.text()).trimEnd().split('\r\n').length, 4);
  });

  test('bad range input is a 400 naming the parameter', async () => {
    const cases: [string, RegExp][] = [
      ['from=yesterday', /^from: expected ISO 8601/],
      [`from=${start + minute}&to=${start}`, /^from: must be before to/],
      ['from=0&limit=10001', /^limit: rows per page, an integer from 1 to 10000/],
      ['from=0&limit=0', /^limit: /],
      ['cursor=abc', /^cursor: not one this server gave out/],
      ['from=0&from=1', /^from: give it once/],
    ];
    for (const [query, reason] of cases) {
      const response = await opened.app.request(`/api/signals?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(((await response.json()) as { error: string }).error, reason, query);
    }
  });
});

test('parseSignalRange: defaults are everything kept up to now, a page of 1,000', () => {
  assert.deepEqual(parseSignalRange({ cursor: ['5.2'] }, 1000), {
    from: 0,
    to: 1000,
    pageRows: defaultPageRows,
    cursor: { received: 5, skip: 2 },
  });
});

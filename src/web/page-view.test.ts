import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetStatus } from '../status/wire-types.ts';
import { buildFixtureTarget } from './fixture-status.testkit.ts';
import { defaultView, filterTargets, isCompact, readView, writeView, type PageView } from './page-view.ts';

test('a view survives the round trip through the URL', () => {
  const views: PageView[] = [
    defaultView,
    { query: 'api', problemsOnly: false, compact: null },
    { query: 'a & b?', problemsOnly: true, compact: true },
    { query: '', problemsOnly: false, compact: false },
  ];
  for (const view of views) assert.deepEqual(readView(writeView(view)), view);
  assert.equal(writeView(defaultView), '', 'a plain link stays plain');
});

test('readView ignores what it does not know', () => {
  assert.deepEqual(readView('?layout=huge&problems=yes&other=1'), defaultView);
});

test('compact rows from 20 targets unless the reader chose', () => {
  const cases: [compact: boolean | null, count: number, want: boolean][] = [
    [null, 19, false],
    [null, 20, true],
    [false, 500, false],
    [true, 3, true],
  ];
  for (const [compact, count, want] of cases)
    assert.equal(isCompact({ ...defaultView, compact }, count), want, `${compact} ${count}`);
});

test('filterTargets matches name or group, ignoring case, and can keep only the not-up ones', () => {
  const now = Date.UTC(2026, 10, 27, 14, 25);
  const target = (name: string, group: string | null, state: TargetStatus['state']) =>
    buildFixtureTarget({ name, group, state, now });
  const targets = [
    target('Website', 'Public', 'up'),
    target('API', 'Public', 'down'),
    target('Billing', 'Payments', 'degraded'),
    target('Mail', null, 'unknown'),
  ];
  const cases: [query: string, problemsOnly: boolean, want: string[]][] = [
    ['', false, ['Website', 'API', 'Billing', 'Mail']],
    ['api', false, ['API']],
    ['PUBLIC', false, ['Website', 'API']],
    ['', true, ['API', 'Billing', 'Mail']],
    ['public', true, ['API']],
    ['nothing', false, []],
  ];
  for (const [query, problemsOnly, want] of cases) {
    const shown = filterTargets(targets, { query, problemsOnly, compact: null }).map((each) => each.name);
    assert.deepEqual(shown, want, `${query} ${problemsOnly}`);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureFirstLoads } from './page-bytes.ts';

// Byte counts are exact (the same zlib, the same fixture), so the page's budgets can be held by a
// test; the bench prints the same figures with the rest.
test("the page's first load stays within its budgets", () => {
  const { firstLoad, firstLoad100 } = measureFirstLoads();
  // 10 targets, 5 recent incidents, a window under way, one announcement: 20 KB gzip
  assert.ok(firstLoad.total.gzip <= 20 * 1024, `10 targets: ${firstLoad.total.gzip} B gzip, budget 20,480`);
  // 100 targets in 10 groups with 90 days of history: HTML <= 150 KB raw, first load <= 25 KB gzip
  assert.ok(
    firstLoad100.html.raw <= 150 * 1024,
    `100 targets: HTML ${firstLoad100.html.raw} B, budget 153,600`,
  );
  assert.ok(
    firstLoad100.total.gzip <= 25 * 1024,
    `100 targets: ${firstLoad100.total.gzip} B gzip, budget 25,600`,
  );
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createRollupViewStatement,
  ensureRollupView,
  planRollupView,
  rollupViewQuery,
  setRollupTtlStatement,
} from './questdb-rollup-view.ts';

// QUESTDB.md's statement (checked against QuestDB 9.3.2 with 12.96 M rows), with each aggregate
// made a sum or max of a CASE on state as its verified `up` is, so maintenance counts apart. The
// live suite (npm run test:questdb) checks it against a server.
const verifiedCreate = `CREATE MATERIALIZED VIEW IF NOT EXISTS signals_1h AS (
  SELECT received, target, region,
         sum(CASE WHEN state = 'maintenance' THEN 0 ELSE 1 END) checks,
         sum(CASE WHEN state = 'maintenance' THEN 0 WHEN available THEN 1 ELSE 0 END) up,
         sum(CASE WHEN state = 'maintenance' THEN 0.0 ELSE latency_ms END) latency_sum,
         max(CASE WHEN state = 'maintenance' THEN 0.0 ELSE latency_ms END) latency_max,
         sum(CASE WHEN state = 'maintenance' THEN 1 ELSE 0 END) maintenance
  FROM signals SAMPLE BY 1h
) PARTITION BY DAY`;

test('the view statements are the verified ones, for the configured table and retention', () => {
  assert.equal(createRollupViewStatement('signals'), verifiedCreate);
  assert.equal(
    createRollupViewStatement('upbeat_eu'),
    verifiedCreate.replace('signals_1h', 'upbeat_eu_1h').replace('FROM signals', 'FROM upbeat_eu'),
  );
  assert.equal(setRollupTtlStatement('signals', 400), 'ALTER MATERIALIZED VIEW signals_1h SET TTL 400 DAYS');
});

describe('planRollupView', () => {
  const current = rollupViewQuery('signals');
  const cases: { name: string; row?: Record<string, unknown>; plan: string }[] = [
    { name: 'no view: create', plan: 'create' },
    { name: 'same query: keep', row: { view_sql: current, view_status: 'valid' }, plan: 'keep' },
    {
      name: 'same query laid out otherwise: keep',
      row: { view_sql: current.replace(/\s+/g, '  ').toUpperCase(), view_status: 'valid' },
      plan: 'keep',
    },
    {
      name: 'another query: replace',
      row: {
        view_sql: 'SELECT received, target, count() checks FROM signals SAMPLE BY 1h',
        view_status: 'valid',
      },
      plan: 'replace',
    },
    {
      name: 'the view of an upbeat that counted maintenance as checks: replace',
      row: {
        view_sql: `SELECT received, target, region, count() checks,
         sum(CASE WHEN available THEN 1 ELSE 0 END) up,
         sum(latency_ms) latency_sum, max(latency_ms) latency_max
  FROM signals SAMPLE BY 1h`,
        view_status: 'valid',
      },
      plan: 'replace',
    },
    { name: 'invalid: refresh', row: { view_sql: current, view_status: 'invalid' }, plan: 'refresh' },
    { name: 'a server that does not say its query: keep', row: { view_status: 'valid' }, plan: 'keep' },
  ];
  for (const { name, row, plan } of cases)
    test(name, () => assert.equal(planRollupView('signals', row), plan));
});

test('ensureRollupView runs what the plan needs, then the TTL; a refused TTL is reported', async () => {
  const ran: string[] = [];
  const run =
    (existing: Record<string, unknown>[], refuseTtl = false) =>
    async (statement: string) => {
      ran.push(statement);
      if (statement.startsWith('SELECT')) return existing;
      if (refuseTtl && statement.includes('SET TTL')) throw new Error('storage policy required');
      return [];
    };
  assert.deepEqual(await ensureRollupView(run([]), 'signals', 30), { action: 'create' });
  assert.deepEqual(ran.slice(1), [verifiedCreate, 'ALTER MATERIALIZED VIEW signals_1h SET TTL 30 DAYS']);
  assert.match(ran[0]!, /FROM materialized_views\(\) WHERE view_name = 'signals_1h'/);

  ran.length = 0;
  const outdated = { view_sql: 'SELECT received, count() FROM signals SAMPLE BY 1h', view_status: 'valid' };
  assert.deepEqual(await ensureRollupView(run([outdated], true), 'signals', 30), {
    action: 'replace',
    ttlProblem: 'storage policy required',
  });
  assert.deepEqual(ran.slice(1, 3), ['DROP MATERIALIZED VIEW IF EXISTS signals_1h', verifiedCreate]);

  ran.length = 0;
  const invalid = { view_sql: rollupViewQuery('signals'), view_status: 'invalid' };
  assert.deepEqual(await ensureRollupView(run([invalid]), 'signals', 30), { action: 'refresh' });
  assert.deepEqual(ran.slice(1), [
    'REFRESH MATERIALIZED VIEW signals_1h FULL',
    'ALTER MATERIALIZED VIEW signals_1h SET TTL 30 DAYS',
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStatusSummary } from './status-summary.ts';
import { createSqliteStore } from '../store/sqlite-store.ts';
import type { Target } from '../config/config.ts';
import { createTarget } from '../config/read-target.ts';
import type { Signal } from '../signal.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';

const hour = 3_600_000;
const day = 24 * hour;
const now = Date.UTC(2026, 10, 27, 10, 30); // 10:30 UTC

function target(name: string): Target {
  return createTarget({
    name,
    url: `http://127.0.0.1/${name}`,
    schedule: { kind: 'interval', everyMs: 60_000 },
    periodMs: 60_000,
  });
}

function signal(name: string, received: number, available: boolean, latencyMs = 10): Signal {
  return buildSignal({
    received,
    target: name,
    url: `http://127.0.0.1/${name}`,
    latencyMs,
    ...(!available && { httpStatus: 503, available, state: 'down', reason: 'status' }),
  });
}

const config = { title: 'Status', targets: [target('web'), target('api')], region: 'eu' };

test('status summary: a target with no signal is unknown with empty buckets present', () => {
  const summary = createStatusSummary({ config, now: () => now });
  const status = summary.snapshot();
  assert.equal(status.overall, 'unknown');
  const web = status.targets[0]!;
  assert.equal(web.state, 'unknown');
  assert.equal(web.hours.checks.length, 24);
  assert.equal(web.days.checks.length, 90);
  assert.equal(web.hours.start, Date.UTC(2026, 10, 26, 11));
  assert.equal(web.days.start, Date.UTC(2026, 10, 27) - 89 * day);
  assert.deepEqual(web.uptime, { '24h': null, '7d': null, '30d': null, '90d': null });
  assert.deepEqual(web.latency, { p50_ms: null, p95_ms: null });
});

test('status summary: signals land in their hour and day, uptime and percentiles follow', () => {
  const summary = createStatusSummary({ config, now: () => now });
  for (let i = 1; i <= 100; i++) summary.record(signal('web', now - 10 * 60_000 + i, i <= 99, i));
  summary.record(signal('web', now - 2 * hour, false, 500)); // 08:30, two hours back
  summary.record(signal('web', now - 3 * day, true, 20)); // three days back: in days, not hours
  const web = summary.snapshot().targets[0]!;
  assert.equal(web.hours.checks[23], 100);
  assert.equal(web.hours.up[23], 99);
  assert.equal(web.hours.checks[21], 1);
  assert.equal(web.hours.up[21], 0);
  assert.equal(web.days.checks[89], 101);
  assert.equal(web.days.checks[86], 1);
  assert.equal(web.uptime['24h'], 98.02); // 99 of 101
  assert.equal(web.uptime['7d'], 98.039); // 100 of 102
  assert.ok(Math.abs(web.latency.p50_ms! - 51) < 0.5, `p50 ${web.latency.p50_ms}`);
  assert.ok(Math.abs(web.latency.p95_ms! - 96) < 0.6, `p95 ${web.latency.p95_ms}`);
  assert.equal(web.state, 'down', 'the newest signal (the 100th, a failure) sets the state');
  assert.equal(web.last?.http_status, 503);
  assert.equal(web.last?.received, new Date(now - 10 * 60_000 + 100).toISOString());
});

test('status summary: probes in maintenance count neither up nor down, but set the state', () => {
  const summary = createStatusSummary({ config, now: () => now });
  summary.record(signal('web', now - 20 * 60_000, true));
  summary.record(signal('web', now - 19 * 60_000, false));
  const before = summary.snapshot().targets[0]!.uptime;
  for (let i = 0; i < 10; i++)
    summary.record({ ...signal('web', now - 10 * 60_000 + i, false), state: 'maintenance' });
  const web = summary.snapshot().targets[0]!;
  assert.deepEqual(web.uptime, before);
  assert.equal(web.uptime['24h'], 50);
  assert.equal(web.hours.checks[23], 2);
  assert.equal(web.state, 'maintenance');
});

test('status summary: overall follows states and the snapshot is rebuilt only on change', () => {
  const summary = createStatusSummary({ config, now: () => now });
  summary.record(signal('web', now - 1000, true));
  const first = summary.snapshot();
  assert.equal(summary.snapshot(), first, 'unchanged data reuses the snapshot');
  assert.equal(first.overall, 'operational');
  const version = summary.version();
  summary.record(signal('api', now - 500, false));
  assert.notEqual(summary.version(), version);
  assert.equal(summary.snapshot().overall, 'partial_outage');
  assert.equal(
    summary.snapshot().targets[0],
    first.targets[0],
    'an untouched target keeps its cached status',
  );
});

test("status summary: carries each target's group, null without one, in config order", () => {
  const grouped = createTarget(target('db'), { group: 'Data' });
  const summary = createStatusSummary({
    config: { ...config, targets: [grouped, ...config.targets] },
    now: () => now,
  });
  assert.deepEqual(
    summary.snapshot().targets.map((each) => [each.name, each.group]),
    [
      ['db', 'Data'],
      ['web', null],
      ['api', null],
    ],
  );
});

test('status summary: keeps the certificate expiry of the newest probe that saw one', () => {
  const summary = createStatusSummary({ config, now: () => now });
  assert.equal(summary.snapshot().targets[0]!.certificate_expires_at, null);
  const expiry = Date.UTC(2027, 0, 31);
  summary.record({ ...signal('web', now - 2000, true), certificateExpiresAt: expiry });
  summary.record(signal('web', now - 1000, false)); // a failed connect sees no certificate: keep the last known
  // older than the newest: ignored
  summary.record({ ...signal('web', now - 5000, true), certificateExpiresAt: Date.UTC(2020, 0, 1) });
  assert.equal(summary.snapshot().targets[0]!.certificate_expires_at, '2027-01-31T00:00:00.000Z');
});

test("status summary: the detail is the newest probe's, and clears when it is up", () => {
  const summary = createStatusSummary({ config, now: () => now });
  assert.equal(summary.snapshot().targets[0]!.detail, null);
  summary.record(signal('web', now - 2000, false), 'json /status: expected "UP", saw "DOWN"');
  assert.equal(summary.snapshot().targets[0]!.detail, 'json /status: expected "UP", saw "DOWN"');
  summary.record(signal('web', now - 1000, true));
  assert.equal(summary.snapshot().targets[0]!.detail, null);
});

test('status summary: the assembled JSON is exactly the serialized snapshot, before and after changes', () => {
  let clock = now;
  const summary = createStatusSummary({
    config: { ...config, description: 'a "quoted" one' },
    now: () => clock,
  });
  assert.equal(summary.snapshotBytes().toString(), JSON.stringify(summary.snapshot()));
  summary.record({ ...signal('web', now - 1000, true), certificateExpiresAt: Date.UTC(2027, 0, 31) });
  assert.equal(summary.snapshotBytes().toString(), JSON.stringify(summary.snapshot()));
  summary.record(signal('api', now - 500, false));
  assert.equal(summary.snapshotBytes().toString(), JSON.stringify(summary.snapshot()));
  assert.equal(JSON.parse(summary.snapshotBytes().toString()).overall, 'partial_outage');
  clock = now + hour;
  assert.equal(summary.snapshotBytes().toString(), JSON.stringify(summary.snapshot()));
  assert.deepEqual(
    summary.gauges().map((gauge) => [gauge.name, gauge.state, gauge.certificateExpiresAt]),
    [
      ['web', 'up', Date.UTC(2027, 0, 31)],
      ['api', 'down', undefined],
    ],
  );
});

test('status summary: the hour turning shifts the buckets', () => {
  let clock = now;
  const summary = createStatusSummary({ config, now: () => clock });
  summary.record(signal('web', now, true));
  assert.equal(summary.snapshot().targets[0]!.hours.checks[23], 1);
  clock = now + hour;
  const shifted = summary.snapshot().targets[0]!;
  assert.equal(shifted.hours.checks[22], 1);
  assert.equal(shifted.hours.checks[23], 0);
});

test('status summary: after the hour turns the JSON moves 500 targets a build, the version moving until all are', () => {
  let clock = now;
  const many = Array.from({ length: 1200 }, (_, index) => target(`t${index}`));
  const summary = createStatusSummary({ config: { ...config, targets: many }, now: () => clock });
  for (const each of many) summary.record(signal(each.name, now, true));
  const hoursStart = (bytes: Buffer) =>
    (JSON.parse(bytes.toString()) as ReturnType<typeof summary.snapshot>).targets.map((t) => t.hours.start);
  assert.equal(new Set(hoursStart(summary.snapshotBytes())).size, 1);
  clock = now + hour;
  const moved = (starts: number[]) => starts.filter((start) => start === Date.UTC(2026, 10, 26, 12)).length;
  for (const expected of [500, 1000, 1200]) {
    const version = summary.version();
    assert.equal(moved(hoursStart(summary.snapshotBytes())), expected);
    assert.equal(summary.version() !== version, expected < 1200, 'the version moves while some are behind');
  }
  summary.record(signal('t0', now + hour, true));
  assert.equal(summary.snapshotBytes().toString(), JSON.stringify(summary.snapshot()));
});

test('status summary: ignores signals of targets no longer configured', () => {
  const summary = createStatusSummary({ config, now: () => now });
  summary.record(signal('gone', now, true));
  assert.equal(summary.targetStatus('gone'), undefined);
  assert.equal(summary.snapshot().targets.length, 2);
});

test('status summary: warms from the store exactly as if it had seen the signals live', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-summary-'));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  try {
    const signals: Signal[] = [];
    // Every fifth in maintenance: left out live, so the days warmed from the rollups must leave it out.
    for (let i = 0; i < 200; i++) {
      const probed = signal(i % 2 ? 'web' : 'api', now - i * 17 * 60_000, i % 7 !== 0, 5 + (i % 13));
      signals.push(i % 5 === 0 ? { ...probed, state: 'maintenance' } : probed);
    }
    signals.sort((a, b) => a.received - b.received);
    await store.append(signals);
    const live = createStatusSummary({ config, now: () => now });
    for (const s of signals) live.record(s);
    const warmed = createStatusSummary({ config, now: () => now });
    await warmed.warm(store, now + 1);
    const strip = (s: ReturnType<typeof live.snapshot>) => ({ ...s, generated_at: '' });
    assert.deepEqual(strip(warmed.snapshot()), strip(live.snapshot()));
    assert.equal(warmed.lastState('api'), signals.filter((s) => s.target === 'api').at(-1)!.state);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status summary: a warm that finishes after live signals arrived counts nothing twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-summary-'));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  try {
    const startedAt = now - 5 * 60_000;
    const old = signal('web', startedAt - 60_000, false);
    const fresh = signal('web', startedAt + 60_000, true);
    await store.append([old, fresh]); // the live signal is stored before the warm reads
    const summary = createStatusSummary({ config, now: () => now });
    summary.record(fresh);
    await summary.warm(store, startedAt);
    const web = summary.snapshot().targets[0]!;
    assert.equal(web.hours.checks[23], 2);
    assert.equal(web.days.checks[89], 2);
    assert.equal(
      web.last?.received,
      new Date(fresh.received).toISOString(),
      'the live signal stays the last',
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status summary: after a restart the certificate expiry comes from the newest stored signal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-summary-'));
  try {
    const expiry = Date.UTC(2027, 0, 31);
    const before = createSqliteStore({ file: join(dir, 'upbeat.db') });
    await before.append([
      { ...signal('web', now - 2 * 60_000, true), certificateExpiresAt: Date.UTC(2020, 0, 1) },
      { ...signal('web', now - 60_000, true), certificateExpiresAt: expiry },
      signal('api', now - 60_000, true), // plain http: no certificate
    ]);
    await before.close();
    const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
    const summary = createStatusSummary({ config, now: () => now });
    await summary.warm(store, now);
    await store.close();
    const [web, api] = summary.snapshot().targets;
    assert.equal(web!.certificate_expires_at, '2027-01-31T00:00:00.000Z');
    assert.equal(web!.last?.certificate_expires_at, '2027-01-31T00:00:00.000Z');
    assert.equal(api!.certificate_expires_at, null);
    assert.deepEqual(
      summary.gauges().map((gauge) => gauge.certificateExpiresAt),
      [expiry, undefined],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status summary: warms from its own region only, and resumes from its own newest state', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-summary-'));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  try {
    const own = signal('web', now - 2 * hour, false);
    // Another instance sharing the table: newer, and up; it must neither count nor set the state.
    const other = { ...signal('web', now - hour, true), region: 'us' };
    const otherOld = { ...signal('web', now - 3 * day, true), region: 'us' };
    await store.append([own, other, otherOld]);
    const summary = createStatusSummary({ config, now: () => now });
    await summary.warm(store, now);
    const web = summary.snapshot().targets[0]!;
    assert.equal(summary.lastState('web'), 'down');
    assert.equal(web.last?.region, 'eu');
    assert.equal(
      web.hours.checks.reduce((sum, checks) => sum + checks, 0),
      1,
    );
    assert.equal(
      web.days.checks.reduce((sum, checks) => sum + checks, 0),
      1,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status summary: a reload keeps kept targets history, drops removed ones, adds new ones in order', () => {
  const summary = createStatusSummary({ config, now: () => now });
  summary.record(signal('web', now - 60_000, false));
  summary.record(signal('api', now - 60_000, true));
  const versionBefore = summary.version();
  const movedWeb = { ...target('web'), publicUrl: 'https://status.example/web' };
  summary.reconfigure({ title: 'New title', targets: [target('db'), movedWeb], region: 'eu' });
  const status = summary.snapshot();
  assert.ok(summary.version() > versionBefore, 'caches see a new version');
  assert.equal(status.title, 'New title');
  assert.deepEqual(
    status.targets.map(({ name, state, url }) => ({ name, state, url })),
    [
      { name: 'db', state: 'unknown', url: 'http://127.0.0.1/db' },
      { name: 'web', state: 'down', url: 'https://status.example/web' },
    ],
  );
  assert.equal(JSON.parse(summary.snapshotBytes().toString()).targets.length, 2);
});

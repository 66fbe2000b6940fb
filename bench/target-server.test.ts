import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTargetServer, type TargetServer } from './target-server.ts';

describe('target server', () => {
  let server: TargetServer;
  before(async () => {
    server = await startTargetServer({ hosts: ['127.0.0.1', '127.0.0.2'], targets: 3 });
  });
  after(() => server.stop());

  test('listens on every host it was given', () => {
    assert.deepEqual(
      server.baseUrls.map((url) => new URL(url).hostname),
      ['127.0.0.1', '127.0.0.2'],
    );
  });

  test('answers 200 on any host, counts probes per second and first arrivals per target, and keeps strays apart', async () => {
    const [first, second] = server.baseUrls as [string, string];
    const startedAt = Date.now();
    const responses = await Promise.all([
      fetch(`${first}/t/0`),
      fetch(`${second}/t/2`, { method: 'HEAD' }),
      fetch(`${second}/t/2`, { method: 'HEAD' }),
      fetch(`${first}/favicon.ico`),
      fetch(`${first}/t/3`), // out of range: 3 targets are 0..2
    ]);
    assert.deepEqual(
      responses.map((response) => response.status),
      [200, 200, 200, 200, 200],
    );
    const report = await server.report();
    assert.equal(
      report.perSecond.reduce((sum, [, count]) => sum + count, 0),
      3,
    );
    assert.equal(report.strays, 2);
    assert.equal(report.firstArrivals.length, 3);
    assert.equal(report.firstArrivals[1], 0);
    for (const index of [0, 2]) {
      assert.ok(report.firstArrivals[index]! >= startedAt && report.firstArrivals[index]! <= Date.now());
    }
    assert.equal(report.gapsMs.length, 1, 'target 2 came twice: one gap');
  });

  test('a failing target answers 503 and its failed arrivals are kept', async () => {
    const [first] = server.baseUrls as [string];
    await server.fail([1]);
    const statuses = await Promise.all([fetch(`${first}/t/1`), fetch(`${first}/t/0`)]);
    assert.deepEqual(
      statuses.map((response) => response.status),
      [503, 200],
    );
    const report = await server.report();
    assert.deepEqual(Object.keys(report.failedArrivals), ['1']);
    assert.equal(report.failedArrivals[1]!.length, 1);
  });

  test('a recovered target answers 200 again and keeps its failed arrivals', async () => {
    const [first] = server.baseUrls as [string];
    await server.recover([1]);
    assert.equal((await fetch(`${first}/t/1`)).status, 200);
    assert.equal((await server.report()).failedArrivals[1]!.length, 1);
  });
});

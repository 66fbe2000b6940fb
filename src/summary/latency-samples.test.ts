import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLatency, encodeLatency, LatencySamples, percentiles } from './latency-samples.ts';

test('latency codes round-trip within 0.5 % (and 0.1 ms rounding)', () => {
  for (const ms of [0.2, 1, 3.7, 41.2, 250, 999.9, 10_000, 120_000]) {
    const back = decodeLatency(encodeLatency(ms));
    assert.ok(Math.abs(back - ms) <= ms * 0.005 + 0.05, `${ms} came back as ${back}`);
  }
});

test('zero, negative and NaN latencies encode to the floor', () => {
  assert.equal(encodeLatency(0), 0);
  assert.equal(encodeLatency(-5), 0);
  assert.equal(encodeLatency(Number.NaN), 0);
});

test('percentiles use nearest rank across lists', () => {
  const first = new LatencySamples();
  const second = new LatencySamples();
  for (let ms = 1; ms <= 50; ms++) first.add(ms);
  for (let ms = 51; ms <= 100; ms++) second.add(ms);
  const [p50, p95, p100] = percentiles([first, second], [0.5, 0.95, 1]);
  assert.ok(Math.abs(p50! - 50) <= 0.3, `p50 ${p50}`);
  assert.ok(Math.abs(p95! - 95) <= 0.5, `p95 ${p95}`);
  assert.ok(Math.abs(p100! - 100) <= 0.5, `p100 ${p100}`);
});

test('percentiles of nothing are null', () => {
  assert.deepEqual(percentiles([new LatencySamples()], [0.5, 0.95]), [null, null]);
});

test('samples grow past their first allocation', () => {
  const samples = new LatencySamples();
  for (let i = 0; i < 1000; i++) samples.add(10);
  assert.equal(samples.length, 1000);
  assert.equal(samples.view().length, 1000);
});

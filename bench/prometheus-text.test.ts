import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countByValue, parsePrometheusText, readSample, readLatenessMs } from './prometheus-text.ts';

const text = `# HELP upbeat_probes_total Probes completed.
# TYPE upbeat_probes_total counter
upbeat_probes_total 1234
upbeat_schedule_lateness_seconds{quantile="0.5"} 0.002
upbeat_schedule_lateness_seconds{quantile="0.99"} 0.047
upbeat_target_state{target="a b"} 1
upbeat_target_state{target="c"} 0
upbeat_target_state{target="d"} 1
`;

describe('parsePrometheusText', () => {
  const samples = parsePrometheusText(text);

  test('reads plain and labelled samples', () => {
    assert.equal(readSample(samples, 'upbeat_probes_total'), 1234);
    assert.equal(readSample(samples, 'upbeat_schedule_lateness_seconds', 'quantile="0.99"'), 0.047);
  });

  test('lateness in whole ms, from the seconds /metrics exports', () => {
    assert.equal(readLatenessMs(samples, '0.99'), 47);
  });

  test('a missing sample is an error, not zero', () => {
    assert.throws(() => readSample(samples, 'upbeat_probes_skipped_total'), /no upbeat_probes_skipped_total/);
    assert.throws(
      () => readSample(samples, 'upbeat_schedule_lateness_seconds'),
      /no upbeat_schedule_lateness_seconds/,
    );
  });

  test('counts samples per value', () => {
    assert.deepEqual([...countByValue(samples, 'upbeat_target_state')].sort(), [
      [0, 1],
      [1, 2],
    ]);
  });

  test('a malformed line is an error', () => {
    assert.throws(() => parsePrometheusText('upbeat_probes_total'), /cannot read line/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load-config.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';
import { toEventMessage } from './probe-worker-messages.ts';

test('probe worker messages: every kind of configured target and maintenance window crosses to the worker unchanged', () => {
  // the example uses every feature: cron, headers, request bodies, JSON and header conditions
  const loaded = loadConfig({
    argvConfigPath: fileURLToPath(new URL('../../upbeat.example.yaml', import.meta.url)),
    env: { API_TOKEN: 'example-token' },
    cwd: process.cwd(),
  });
  assert.ok('config' in loaded);
  const { targets, maintenance } = loaded.config;
  assert.deepEqual(structuredClone(targets), targets);
  assert.ok(maintenance && maintenance.length > 0, 'the example has maintenance windows');
  assert.deepEqual(structuredClone(maintenance), maintenance);
});

test('probe worker messages: an event crosses without the body and headers the check already read', () => {
  const observation = {
    startedAt: 1,
    httpStatus: 200,
    latencyMs: 4,
    timings: { dnsMs: 1 },
    method: 'GET',
    redirects: 0,
    certificateExpiresAt: 5,
    headers: { server: 'x' },
    body: Buffer.from('ok'),
    patternOutcomes: [true],
  };
  const event = { signal: buildSignal({}), observation, transition: null, detail: null };
  const { body: _body, headers: _headers, ...kept } = observation;
  const message = toEventMessage(event);
  assert.deepEqual(message, { type: 'event', event: { ...event, observation: kept } });
  assert.deepEqual(structuredClone(message), message);
});

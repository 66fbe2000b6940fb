import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startLoadGenerator, type LoadGenerator } from './load-generator.ts';

const body = JSON.stringify({ hello: 'world', padding: 'x'.repeat(200_000) }); // spans several TCP reads

describe('load generator', () => {
  let server: Server;
  let url: string;
  let load: LoadGenerator;
  let served = 0;
  before(async () => {
    server = createServer((request, response) => {
      served += 1;
      if (request.url === '/chunked') {
        response.write(body); // a write before end: node sends it chunked, with no content-length
        return response.end();
      }
      if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304, { etag: '"v1"' }).end();
      response.writeHead(200, { etag: '"v1"', 'content-length': Buffer.byteLength(body) }).end(body);
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    load = await startLoadGenerator();
  });
  after(async () => {
    await load.stop();
    server.close();
  });

  const spec = { connections: 2, warmupMs: 100, durationMs: 400, headers: { 'x-bench': '1' } };

  test('counts whole responses in the measured part only, with their body size', async () => {
    served = 0;
    const result = await load.run({ ...spec, url: `${url}/status`, revalidate: false });
    assert.ok(result.requests > 0);
    assert.ok(result.requests < served, 'the warm-up is not counted');
    assert.deepEqual(Object.keys(result.statuses), ['200']);
    assert.equal(result.bytesPer200, Buffer.byteLength(body));
    assert.equal(result.requestsPerSecond, result.requests / 0.4);
    assert.ok(
      result.latencyMs.p50 <= result.latencyMs.p99 && result.latencyMs.p99 <= result.latencyMs.max + 0.01,
    );
    assert.equal(result.errors, 0);
  });

  test('revalidating connections send the ETag they saw and get 304s', async () => {
    const result = await load.run({ ...spec, warmupMs: 0, url: `${url}/status`, revalidate: true });
    // each connection's first request has no ETag yet; every later one does
    assert.equal(result.statuses['200'], 2);
    assert.ok((result.statuses['304'] ?? 0) > 0);
  });

  test('an answer without a length stops the run loudly instead of being miscounted', async () => {
    await assert.rejects(
      load.run({ ...spec, url: `${url}/chunked`, revalidate: false }),
      /without content-length/,
    );
  });
});

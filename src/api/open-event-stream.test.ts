import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { serve, type HttpBindings } from '@hono/node-server';
import { createEventHub } from './event-hub.ts';
import { createQuietEventHub } from './quiet-event-hub.testkit.ts';
import { openEventStream } from './open-event-stream.ts';

const hour = 3_600_000; // no timer fires during the test: the hub is flushed by hand

/** Reads a response body as text until `pattern` shows up (or the stream ends). */
function readUntil(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    async until(pattern: RegExp): Promise<string> {
      while (!pattern.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      return text;
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

describe('GET /api/events on a real socket', async () => {
  const hub = createEventHub({
    describe: (names) => JSON.stringify({ targets: names.map((name) => ({ name })) }),
    intervalMs: hour,
    heartbeatMs: hour,
    maxStreams: 1,
  });
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>().get('/api/events', (c) =>
    openEventStream(c, hub, 7),
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
  after(() => {
    hub.close();
    server.closeAllConnections();
    server.close();
  });

  test('a hello, then one targets event per flush; a second viewer past the cap gets 503 + Retry-After', async () => {
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(response.headers.get('x-accel-buffering'), 'no');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const body = readUntil(response);
    assert.equal(await body.until(/\n\n/), 'event: hello\ndata: {"version":7}\n\n');
    assert.equal(hub.size, 1);

    const refused = await fetch(url);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '30');
    assert.match(((await refused.json()) as { error: string }).error, /poll \/api\/status/);

    hub.markChanged('Website');
    hub.markChanged('API');
    hub.flush();
    const text = await body.until(/event: targets\n.*\n\n/);
    assert.match(text, /event: targets\ndata: \{"targets":\[\{"name":"Website"\},\{"name":"API"\}\]\}\n\n$/);

    controller.abort();
    await body.cancel();
    // the server sees the socket close and the hub forgets the stream
    while (hub.size > 0) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(hub.hasRoom(), true);
  });
});

test('without the node server (app.request) /api/events is a 501 with a reason', async () => {
  const hub = createQuietEventHub();
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>()
    .get('/api/events', (c) => openEventStream(c, hub, 1))
    .onError((error, c) =>
      c.json({ error: error.message }, error instanceof HTTPException ? error.status : 500),
    );
  const response = await app.request('/api/events');
  assert.equal(response.status, 501);
  assert.deepEqual(await response.json(), { error: 'live events need the node server' });
  hub.close();
});
